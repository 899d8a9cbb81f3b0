import { CREATE_DEFAULTS, KZ_GLOBAL_PROPS, RESOURCE_PROPS } from '../../model/zoneConfigSchema';
import { KZ_BRAND } from '../../model/kernelZone';
import type { ZoneConfig, ZoneResource } from '../../model/zoneTypes';
import { cloneConfig, STATE_RANK } from '../../model/zoneTypes';
import type { SimHost } from '../../simHost';
import type { ZcToken } from './zonecfgLexer';
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

/**
 * How zonecfg reports a failed command: `zerr` (zonecfg.c zerr(): prefixed with "On line N:" in
 * command-file mode), `syntax` (zonecfg_lex.l yyerror(): "syntax error on line N at '<token>'"
 * plus the command list), or `fatal` (printed like zerr, then exit(Z_ERR) at once, skipping the
 * commit at the end).
 */
export type ZcError =
  | { kind: 'zerr'; message: string; noZone?: boolean }
  | { kind: 'syntax'; token: string }
  | { kind: 'fatal'; message: string };

class CommandError extends Error {
  constructor(
    message: string,
    readonly kind: 'zerr' | 'syntax' | 'fatal' = 'zerr',
    readonly noZone = false,
  ) {
    super(message);
  }

  toZcError(): ZcError {
    if (this.kind === 'syntax') return { kind: 'syntax', token: this.message };
    if (this.kind === 'fatal') return { kind: 'fatal', message: this.message };
    return { kind: 'zerr', message: this.message, ...(this.noZone ? { noZone: true } : {}) };
  }
}

const isResourceType = (t: string): boolean => t in RESOURCE_PROPS;

/** A grammar error at a token; at the end of the command the offending token is the newline. */
function syntaxError(token: ZcToken | undefined): CommandError {
  return new CommandError(token ? token.text : '\n', 'syntax');
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

/**
 * Properties of which a resource takes exactly one: a suspend resource's path or storage (doc:
 * "The suspend resource must have either the full file path or the storage location specified"),
 * a device's match or storage (doc: solaris-kz device resource). The texts are inferred.
 */
const EXCLUSIVE: Record<string, { pair: [string, string]; required: boolean }> = {
  suspend: { pair: ['path', 'storage'], required: true },
  device: { pair: ['match', 'storage'], required: false },
};

function exclusivePair(resource: ZoneResource): void {
  const rule = EXCLUSIVE[resource.type];
  if (!rule) return;
  const [a, b] = rule.pair;
  if (resource.props[a] && resource.props[b]) throw new CommandError(`${a} and ${b} cannot both be specified.`);
  if (rule.required && !resource.props[a] && !resource.props[b]) throw new CommandError(`${a} or ${b} not specified`);
}

const matches = (r: ZoneResource, type: string, want: Record<string, string>): boolean =>
  r.type === type && Object.entries(want).every(([k, v]) => r.props[k] === v);

/**
 * One zonecfg run against one zone: a working copy of the configuration that commands edit and
 * `commit` (or the end of input) writes back. Errors throw; run() hands them to the caller.
 */
export class ZonecfgSession {
  private config: ZoneConfig | undefined;
  /** need_to_commit. */
  private dirty = false;
  private scope: { resource: ZoneResource; index?: number } | undefined;
  /** time_to_exit: set by `exit`. */
  done = false;
  /** force_exit (`exit -F`). */
  forceExit = false;

  /**
   * `live`: `zonecfg -r`, editing a running zone's live configuration (doc: "Live Zone
   * Reconfiguration of Kernel Zones"); the caller has checked that it has one.
   */
  constructor(
    private readonly host: SimHost,
    private readonly zoneName: string,
    private readonly print: (text: string) => void,
    private readonly live = false,
  ) {
    const zone = host.zone(zoneName);
    const source = live ? zone?.liveConfig : zone?.config;
    this.config = source ? cloneConfig(source) : undefined;
  }

  /** Runs one command; returns its error instead of throwing. */
  run(tokens: ZcToken[]): ZcError | undefined {
    try {
      this.dispatch(tokens);
      return undefined;
    } catch (err) {
      if (err instanceof CommandError) return err.toZcError();
      throw err;
    }
  }

  /** Not in the global scope (an `add`/`select` without its `end`). */
  get inResource(): boolean {
    return this.scope !== undefined;
  }

  /** need_to_commit && zonecfg_check_handle(handle) == Z_OK: something to save. */
  get pending(): boolean {
    return this.dirty && this.config !== undefined;
  }

  /** The zone has no configuration yet (initialize() would fail with Z_NO_ZONE). */
  get noZone(): boolean {
    return this.config === undefined;
  }

  /**
   * cleanup()'s commit_func(): verify and save. Returns the zerr() lines when it fails (outside the
   * global scope verify_func only prints its scope_usage()).
   */
  commitAtExit(): string | undefined {
    try {
      this.commit();
      return undefined;
    } catch (err) {
      if (err instanceof CommandError) return err.message;
      throw err;
    }
  }

  private need(): ZoneConfig {
    if (!this.config) throw new CommandError(`${this.zoneName}: No such zone configured`, 'zerr', true);
    return this.config;
  }

  /**
   * zonecfg.c exit_func: leaves at once in the global scope or with -F; in a resource scope, with
   * no terminal to ask, it prints the refusal and exit(Z_ERR)s.
   */
  private exit(args: ZcToken[]): void {
    const force = args[0]?.text === '-F';
    if (args.length > (force ? 1 : 0)) throw syntaxError(args[force ? 1 : 0]);
    if (this.scope && !force) {
      throw new CommandError(
        'Resource incomplete, input not from terminal and -F not specified:\nexit command ignored, but exiting anyway.',
        'fatal',
      );
    }
    if (force) this.forceExit = true;
    this.done = true;
  }

  private dispatch(tokens: ZcToken[]): void {
    const [verb, ...rest] = tokens;
    if (!verb) return;
    switch (verb.text) {
      case 'create':
        return this.create(rest);
      case 'set':
        return this.set(rest);
      case 'add':
        return this.add(rest);
      case 'end':
        return this.end(rest);
      case 'cancel':
        this.scope = undefined;
        return;
      case 'remove':
        return this.remove(rest);
      case 'select':
        return this.select(rest);
      case 'clear':
        return this.clear(rest);
      case 'commit':
        return this.commit();
      case 'verify':
        this.verify();
        return;
      case 'export':
        return this.exportCmd(rest);
      case 'info':
        return this.info(rest);
      case 'delete':
        return this.delete(rest);
      case 'exit':
        return this.exit(rest);
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
      // zonecfg.c create_func → check_if_zone_already_exists: exit(Z_ERR) without cleanup().
      throw new CommandError(
        'Zone exists, input not from terminal and -F not specified:\ncreate command ignored, exiting.',
        'fatal',
      );
    }
    const template = flags[flags.indexOf('-t') + 1];
    const blank = flags.includes('-b');
    const kz = flags.includes('-t') && template === 'SYSsolaris-kz';
    // SYSsolaris-kz: brand solaris-kz and no ip-type (doc: kernel zones do not support ip-type).
    // The template's default device, anet and suspend resources are not modelled.
    const defaults = this.knownOnly(CREATE_DEFAULTS);
    if (kz) delete defaults['ip-type'];
    this.config = {
      props: blank ? {} : { ...defaults, ...(kz ? { brand: KZ_BRAND } : {}) },
      resources: [],
    };
    this.dirty = true;
  }

  /** A property this release's zonecfg knows: its lexer has a keyword for each. */
  private isGlobalProp(name: string): boolean {
    const kz = this.host.brands.includes(KZ_BRAND) && (KZ_GLOBAL_PROPS as readonly string[]).includes(name);
    return kz || (this.host.release.zones.globalProps as readonly string[]).includes(name);
  }

  private knownOnly(props: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(props).filter(([name]) => this.isGlobalProp(name)));
  }

  private set(args: ZcToken[]): void {
    const [name, eq, value, extra] = args;
    if (!name || name.kind !== 'word') throw syntaxError(name);
    // A word that is no property keyword lexes as TOKEN; the grammar then only accepts
    // `set TOKEN zonepath=…`, so the error is at the token after it (zonecfg_grammar.y set_command).
    const keyword =
      this.isGlobalProp(name.text) || Object.values(RESOURCE_PROPS).some((props) => props.includes(name.text));
    if (!keyword) throw syntaxError(eq);
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
    if (!this.isGlobalProp(prop)) {
      throw new CommandError('Cannot set a resource-specific property from the global scope.');
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
    if (this.scope)
      throw new CommandError(`add: property lists are not supported in the ${this.scope.resource.type} scope`);
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
    exclusivePair(resource);
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
      throw new CommandError(
        hits.length === 0
          ? `No ${type.text} resource matches the given property values.`
          : `More than one ${type.text} resource matches.`,
      );
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

  /**
   * zonecfg.c verify_func: only in the global scope (scope_usage), zonepath must be set; a failed
   * verify ends with zone_perror(zone, Z_REQD_RESOURCE_MISSING), after "Zone %s failed to verify"
   * when saving.
   */
  private verify(save = false): ZoneConfig {
    const config = this.need();
    if (this.scope) throw new CommandError('The verify command only makes sense in the global scope.');
    const brand = config.props.brand ?? 'solaris';
    if (brand !== 'solaris-kz' && !config.props.zonepath) {
      const lines = [
        'zonepath cannot be empty.',
        ...(save ? [`Zone ${this.zoneName} failed to verify`] : []),
        `${this.zoneName}: Required resource missing`,
      ];
      throw new CommandError(lines.join('\n'));
    }
    return config;
  }

  private commit(): void {
    const config = this.verify(true);
    const zone = this.host.zone(this.zoneName);
    if (this.live && zone) {
      zone.liveConfig = cloneConfig(config);
      this.dirty = false;
      return;
    }
    config.props.brand ??= 'solaris';
    // A keysource is not kept in the configuration: its key goes to /etc/zones/keys/<zone> (the
    // key error's text names that file; doc "Encryption Keys And Kernel Zone Migration": the
    // exported command file "will meet the requirements for a kernel zone encryption key").
    const key = config.resources.find((r) => r.type === 'keysource')?.props.raw;
    config.resources = config.resources.filter((r) => r.type !== 'keysource');
    if (key) this.host.kzKeys.set(this.zoneName, key);
    if (zone) zone.config = cloneConfig(config);
    else this.host.configureZone(this.zoneName, config);
    this.dirty = false;
  }

  private exportCmd(args: ZcToken[]): void {
    if (args[0]) throw new CommandError('export -f: writing files is not supported; export to standard output');
    const config = this.need();
    const key = this.host.kzKeys.get(this.zoneName);
    // The key travels in the export (doc "Encryption Keys And Kernel Zone Migration"); the
    // `keysource` resource with its `raw` property carries it (layout inferred).
    const withKey =
      config.props.brand === KZ_BRAND && key !== undefined && !this.live
        ? { ...config, resources: [...config.resources, { type: 'keysource', props: { raw: key } }] }
        : config;
    this.print(exportConfig(withKey, this.host.release));
  }

  private info(args: ZcToken[]): void {
    const config = this.need();
    const [what, ...spec] = args;
    if (!what) return this.print(infoAll(this.zoneName, config, this.host.release));
    if (this.isGlobalProp(what.text)) return this.print(infoGlobal(this.zoneName, config, what.text));
    if (!isResourceType(what.text)) throw syntaxError(what);
    const want = pairs(spec);
    this.print(
      config.resources
        .filter((r) => matches(r, what.text, want))
        .map(infoResource)
        .join(''),
    );
  }

  /**
   * zonecfg.c delete_func. Without -F: initialize() ("No such zone configured" once) and, with no
   * terminator to ask, "Input not from terminal and -F not specified" and exit(Z_ERR). With -F on a
   * missing zone, Solaris 11 prints "No such zone configured" twice (the initialize() before
   * zonecfg_deauthorize_users, then zonecfg_destroy's Z_NO_ZONE); illumos has no deauthorize step
   * and prints it once.
   */
  private delete(args: ZcToken[]): void {
    const force = args[0]?.text === '-F';
    const zone = this.host.zone(this.zoneName);
    const missing = `${this.zoneName}: No such zone configured`;
    if (!zone) {
      const twice = force && this.host.dialect === 'solaris11';
      throw new CommandError(twice ? `${missing}\n${missing}` : missing);
    }
    if (!force) {
      throw new CommandError(
        'Input not from terminal and -F not specified:\ndelete command ignored, exiting.',
        'fatal',
      );
    }
    if (STATE_RANK[zone.state] >= STATE_RANK.ready) {
      throw new CommandError(`Zone ${this.zoneName} is ${zone.state}; delete not allowed.`);
    }
    this.host.deleteZone(this.zoneName);
    this.config = undefined;
    this.dirty = false;
  }
}
