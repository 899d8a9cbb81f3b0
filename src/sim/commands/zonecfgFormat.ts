import { EXPORT_GLOBAL_ORDER, GLOBAL_PROPS, RESOURCE_ORDER, RESOURCE_PROPS } from '../model/zoneConfigSchema';
import type { ZoneConfig, ZoneResource } from '../model/zoneTypes';

/** zonecfg's quoteit(): double quotes only when the value contains a space. */
export function quoteit(value: string): string {
  return value.includes(' ') ? `"${value}"` : value;
}

function byExportOrder(resources: ZoneResource[]): ZoneResource[] {
  const rank = (t: string): number => {
    const i = RESOURCE_ORDER.indexOf(t);
    return i < 0 ? RESOURCE_ORDER.length : i;
  };
  return resources.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r.type) - rank(b.r.type) || a.i - b.i).map((x) => x.r);
}

/**
 * `zonecfg export` (SOLARIS.md 2.1). Reproduces the Solaris 11.1 bug of seed 002: bootargs is
 * written without quotes even when it contains spaces (`set bootargs=-m verbose`), so the export
 * does not read back until someone quotes it.
 */
export function exportConfig(config: ZoneConfig): string {
  const lines = ['create -b'];
  for (const prop of EXPORT_GLOBAL_ORDER) {
    const value = config.props[prop];
    if (value === undefined || value === '') continue;
    lines.push(prop === 'bootargs' ? `set bootargs=${value}` : `set ${prop}=${quoteit(value)}`);
  }
  for (const resource of byExportOrder(config.resources)) {
    lines.push(`add ${resource.type}`);
    const known = RESOURCE_PROPS[resource.type] ?? Object.keys(resource.props);
    for (const prop of known) {
      const value = resource.props[prop];
      if (value !== undefined && value !== '') lines.push(`set ${prop}=${quoteit(value)}`);
    }
    lines.push('end');
  }
  return `${lines.join('\n')}\n`;
}

export function infoGlobal(zoneName: string, config: ZoneConfig, prop: string): string {
  const value = prop === 'zonename' ? zoneName : (config.props[prop] ?? '');
  return `${prop}: ${value}\n`;
}

export function infoResource(resource: ZoneResource): string {
  const known = RESOURCE_PROPS[resource.type] ?? Object.keys(resource.props);
  const body = known.map((prop) => {
    const value = resource.props[prop];
    return value === undefined || value === '' ? `\t${prop} not specified\n` : `\t${prop}: ${quoteit(value)}\n`;
  });
  return `${resource.type}:\n${body.join('')}`;
}

/** `zonecfg info` (SOLARIS.md 2.2): globals as `prop: value`, then each resource, tab-indented. */
export function infoAll(zoneName: string, config: ZoneConfig): string {
  const globals = GLOBAL_PROPS.filter((p) => !(p === 'zonepath' && config.props.brand === 'solaris-kz'));
  return globals.map((p) => infoGlobal(zoneName, config, p)).join('') + byExportOrder(config.resources).map(infoResource).join('');
}
