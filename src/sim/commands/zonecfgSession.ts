import { CREATE_DEFAULTS, GLOBAL_PROPS, RESOURCE_PROPS } from '../model/zoneConfigSchema';
import type { ZoneConfig, ZoneResource } from '../model/zoneTypes';
import { cloneConfig, STATE_RANK } from '../model/zoneTypes';
import type { SimHost } from '../simHost';
import type { ZcCommand, ZcToken } from './zonecfgLexer';
import { exportConfig, infoAll, infoGlobal, infoResource } from './zonecfgFormat';

/** Properties a resource needs before `end` accepts it. */
const REQUIRED: Record<string, string[]> = {
  net: ['physical'],
  dataset: ['name'],
  attr: ['name', 'type', 'value'],
  fs: ['dir', 'special', 'type'],
  rctl: ['name', 'value'],
  admin: ['user', 'auths'],
};

class CommandError extends Error {}

const isGlobalProp = (p: string): boolean => (GLOBAL_PROPS as readonly string[]).includes(p);
const isResourceType = (t: string): boolean => t in RESOURCE_PROPS;

function syntaxError(token: ZcToken | undefined): CommandError {
  return new CommandError(token ? `syntax error at '${token.text}'` : 'syntax error at end of line');
}

/** `prop=value` pairs of remove/select/info. */
function pairs(tokens: ZcToken[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 3) {
    const [name, eq, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!name || name.kind !== 'word') throw syntaxError(name);
    if (!eq || eq.kind !== 'equals') throw syntaxError(eq);
    if (!value || value.kind === 'equals') throw syntaxError(value);
    result[name.text] = value.text;
  }
  return result;
}

const matches = (r: ZoneResource, type: string, want: Record<string, string>): boolean =>
  r.type === type && Object.entries(want).every(([k, v]) => r.props[k] === v);

/**
 * One zonecfg run against one zone: a working copy of the configuration that commands edit and
 * `commit` (or the end of input) writes back. Errors throw; the caller reports them and stops.
 */
export class ZonecfgSession {
  private config: ZoneConfig | undefined;
  private dirty = false;
  private scope: { resource: ZoneResource; index?: number } | undefined;
  /** Set by exit/delete: stop reading commands. */
  done = false;

  constructor(
    private readonly host: SimHost,
    private readonly zoneName: string,
    private readonly print: (text: string) => void,
  ) {
    const zone = host.zone(zoneName);
    this.config = zone ? cloneConfig(zone.config) : undefined;
  }

  /** Runs one command; returns an error message instead of throwing. */
  run(command: ZcCommand): string | undefined {
    try {
      this.dispatch(command.tokens);
      return undefined;
    } catch (err) {
      if (err instanceof CommandError) return err.message;
      throw err;
    }
  }

  /** End of input: commit pending changes, as zonecfg's cleanup() does. */
  finish(): string | undefined {
    if (this.scope) this.scope = undefined;
    if (!this.dirty) return undefined;
    try {
      this.commit();
      return undefined;
    } catch (err) {
      if (err instanceof CommandError) return err.message;
      throw err;
    }
  }

  private need(): ZoneConfig {
    if (!this.config) throw new CommandError(`${this.zoneName}: No such zone configured`);
    return this.config;
  }

  private dispatch(tokens: ZcToken[]): void {
    const [verb, ...rest] = tokens;
    if (!verb) return;
    switch (verb.text) {
      case 'create': return this.create(rest);
      case 'set': return this.set(rest);
      case 'add': return this.add(rest);
      case 'end': return this.end(rest);
      case 'cancel': this.scope = undefined; return;
      case 'remove': return this.remove(rest);
      case 'select': return this.select(rest);
      case 'clear': return this.clear(rest);
      case 'commit': return this.commit();
      case 'verify': this.verify(); return;
      case 'export': return this.exportCmd(rest);
      case 'info': return this.info(rest);
      case 'delete': return this.delete(rest);
      case 'exit':
        if (this.scope) this.scope = undefined;
        if (this.dirty) this.commit();
        this.done = true;
        return;
      default:
        throw syntaxError(verb);
    }
  }

  private create(args: ZcToken[]): void {
    const flags = args.map((a) => a.text);
    const zone = this.host.zone(this.zoneName);
    if (zone && STATE_RANK[zone.state] >= STATE_RANK.installed) {
      throw new CommandError(`Zone ${this.zoneName} already installed; create not allowed.`);
    }
    if (zone && !flags.includes('-F')) {
      throw new CommandError('Zone exists, input not from terminal and -F not specified:\ncreate command ignored, exiting.');
    }
    const template = flags[flags.indexOf('-t') + 1];
    const blank = flags.includes('-b');
    this.config = {
      props: blank ? {} : { ...CREATE_DEFAULTS, ...(flags.includes('-t') && template === 'SYSsolaris-kz' ? { brand: 'solaris-kz' } : {}) },
      resources: [],
    };
    this.dirty = true;
  }

  private set(args: ZcToken[]): void {
    const [name, eq, value, extra] = args;
    if (!name || name.kind !== 'word') throw syntaxError(name);
    if (!eq || eq.kind !== 'equals') throw syntaxError(eq);
    if (!value || value.kind === 'equals') throw syntaxError(value);
    if (extra) throw syntaxError(extra);
    const config = this.need();
    const prop = name.text;
    if (this.scope) {
      if (!(RESOURCE_PROPS[this.scope.resource.type] ?? []).includes(prop)) {
        throw new CommandError(`${prop}: No such property type`);
      }
      this.scope.resource.props[prop] = value.text;
      return;
    }
    if (!isGlobalProp(prop)) {
      if (Object.values(RESOURCE_PROPS).some((props) => props.includes(prop))) {
        throw new CommandError('Cannot set a resource-specific property from the global scope.');
      }
      throw syntaxError(name);
    }
    const zone = this.host.zone(this.zoneName);
    if ((prop === 'zonepath' || prop === 'brand') && zone && STATE_RANK[zone.state] >= STATE_RANK.installed) {
      throw new CommandError(`Zone ${this.zoneName} already installed; set ${prop} not allowed.`);
    }
    if (prop === 'zonename') {
      if (value.text !== this.zoneName) throw new CommandError('Renaming a zone is not supported by this simulator.');
      return;
    }
    config.props[prop] = value.text;
    this.dirty = true;
  }

  private add(args: ZcToken[]): void {
    const [type, extra] = args;
    if (this.scope) throw new CommandError(`add: property lists are not supported in the ${this.scope.resource.type} scope`);
    if (!type || !isResourceType(type.text)) throw syntaxError(type);
    if (extra) throw syntaxError(extra);
    this.need();
    this.scope = { resource: { type: type.text, props: {} } };
  }

  private end(args: ZcToken[]): void {
    if (args[0]) throw syntaxError(args[0]);
    if (!this.scope) throw new CommandError('end: only valid in the resource scope');
    const { resource, index } = this.scope;
    const missing = (REQUIRED[resource.type] ?? []).find((p) => !resource.props[p]);
    if (missing) throw new CommandError(`${missing} not specified`);
    const config = this.need();
    if (index === undefined) config.resources.push(resource);
    else config.resources[index] = resource;
    this.scope = undefined;
    this.dirty = true;
  }

  private remove(args: ZcToken[]): void {
    const force = args[0]?.text === '-F';
    const [type, ...spec] = force ? args.slice(1) : args;
    if (this.scope) throw new CommandError('remove: only valid in the global scope');
    if (!type || !isResourceType(type.text)) throw syntaxError(type);
    const want = pairs(spec);
    const config = this.need();
    const hits = config.resources.filter((r) => matches(r, type.text, want));
    if (hits.length === 0) throw new CommandError(`No ${type.text} resource matches the given property values.`);
    if (hits.length > 1 && spec.length === 0 && !force) {
      throw new CommandError(`More than one ${type.text} resource exists; use -F to remove all of them.`);
    }
    config.resources = config.resources.filter((r) => !hits.includes(r));
    this.dirty = true;
  }

  private select(args: ZcToken[]): void {
    const [type, ...spec] = args;
    if (this.scope) throw new CommandError('select: only valid in the global scope');
    if (!type || !isResourceType(type.text)) throw syntaxError(type);
    const config = this.need();
    const want = pairs(spec);
    const hits = config.resources.flatMap((r, i) => (matches(r, type.text, want) ? [i] : []));
    if (hits.length !== 1) {
      throw new CommandError(hits.length === 0 ? `No ${type.text} resource matches the given property values.` : `More than one ${type.text} resource matches.`);
    }
    const index = hits[0] ?? 0;
    const existing = config.resources[index];
    if (existing) this.scope = { resource: { type: existing.type, props: { ...existing.props } }, index };
  }

  private clear(args: ZcToken[]): void {
    const [name, extra] = args;
    if (!name || name.kind !== 'word') throw syntaxError(name);
    if (extra) throw syntaxError(extra);
    const config = this.need();
    if (this.scope) delete this.scope.resource.props[name.text];
    else delete config.props[name.text];
    this.dirty = true;
  }

  private verify(): ZoneConfig {
    const config = this.need();
    if (this.scope) throw new CommandError(`${this.scope.resource.type}: incomplete resource; use 'end' or 'cancel'`);
    const brand = config.props.brand ?? 'solaris';
    if (brand !== 'solaris-kz' && !config.props.zonepath) throw new CommandError('zonepath cannot be empty.');
    return config;
  }

  private commit(): void {
    const config = this.verify();
    config.props.brand ??= 'solaris';
    const zone = this.host.zone(this.zoneName);
    if (zone) zone.config = cloneConfig(config);
    else this.host.configureZone(this.zoneName, config);
    this.dirty = false;
  }

  private exportCmd(args: ZcToken[]): void {
    if (args[0]) throw new CommandError('export -f: writing files is not supported; export to standard output');
    this.print(exportConfig(this.need()));
  }

  private info(args: ZcToken[]): void {
    const config = this.need();
    const [what, ...spec] = args;
    if (!what) return this.print(infoAll(this.zoneName, config));
    if (isGlobalProp(what.text)) return this.print(infoGlobal(this.zoneName, config, what.text));
    if (!isResourceType(what.text)) throw syntaxError(what);
    const want = pairs(spec);
    this.print(config.resources.filter((r) => matches(r, what.text, want)).map(infoResource).join(''));
  }

  private delete(args: ZcToken[]): void {
    const zone = this.host.zone(this.zoneName);
    if (!zone) throw new CommandError(`${this.zoneName}: No such zone configured`);
    if (args[0]?.text !== '-F') {
      throw new CommandError('Input not from terminal and -F not specified:\ndelete command ignored, exiting.');
    }
    if (STATE_RANK[zone.state] >= STATE_RANK.ready) {
      throw new CommandError(`Zone ${this.zoneName} is ${zone.state}; delete not allowed.`);
    }
    this.host.deleteZone(this.zoneName);
    this.config = undefined;
    this.dirty = false;
    this.done = true;
  }
}
