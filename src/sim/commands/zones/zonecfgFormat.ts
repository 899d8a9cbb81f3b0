import type { SimRelease } from '../../model/release';
import {
  EXPORT_GLOBAL_ORDER,
  EXPORT_GLOBAL_ORDER_BRAND_FIRST,
  EXPORT_RESOURCE_ORDER,
  KZ_GLOBAL_PROPS,
  RESOURCE_ORDER,
  RESOURCE_PROPS,
} from '../../model/zoneConfigSchema';
import type { ZoneConfig, ZoneResource } from '../../model/zoneTypes';

/**
 * zonecfg's quoteit(): double quotes only when the value contains a space; nothing is escaped
 * (Solaris 11.0 and illumos zonecfg.c).
 */
export function quoteit(value: string): string {
  return value.includes(' ') ? `"${value}"` : value;
}

function byOrder(resources: ZoneResource[], order: readonly string[]): ZoneResource[] {
  const rank = (t: string): number => {
    const i = order.indexOf(t);
    return i < 0 ? order.length : i;
  };
  return resources
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r.type) - rank(b.r.type) || a.i - b.i)
    .map((x) => x.r);
}

/**
 * `zonecfg export` (Solaris 11.0 zonecfg.c export_func): `create -b`, then the global properties as
 * raw `set prop=value` lines, never quoted (so `set bootargs=-m verbose` does not read back), then
 * one `add`…`end` block per resource whose values go through quoteit() (export_prop). Solaris
 * writes configure-allowed-address for every net (libzonecfg's default is true); a dataset's alias
 * is written only when it is not the default (the dataset's basename).
 */
export function exportConfig(config: ZoneConfig, release: SimRelease): string {
  const lines = ['create -b'];
  const kz = config.props.brand === 'solaris-kz';
  const solaris = release.dialect === 'solaris11';
  const globals = solaris && release.name !== '11.0' ? EXPORT_GLOBAL_ORDER_BRAND_FIRST : EXPORT_GLOBAL_ORDER;
  for (const prop of globals) {
    const value = config.props[prop];
    if (value === undefined || value === '' || !(release.zones.globalProps as readonly string[]).includes(prop))
      continue;
    lines.push(`set ${prop}=${value}`);
  }
  // Kernel Zone properties after the common ones (placement inferred).
  for (const prop of kz ? KZ_GLOBAL_PROPS : []) if (config.props[prop]) lines.push(`set ${prop}=${config.props[prop]}`);
  for (const resource of byOrder(config.resources, EXPORT_RESOURCE_ORDER)) {
    lines.push(`add ${resource.type}`);
    const known = RESOURCE_PROPS[resource.type] ?? Object.keys(resource.props);
    const props = { ...resource.props };
    if (solaris && (resource.type === 'net' || resource.type === 'anet')) props['configure-allowed-address'] ??= 'true';
    if (!solaris) delete props['configure-allowed-address'];
    if (resource.type === 'dataset' && props.alias !== undefined && props.alias === props.name?.split('/').at(-1))
      delete props.alias;
    for (const prop of known) {
      const value = props[prop];
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

/** `zonecfg info` (zonecfg.c info_func): globals as `prop: value`, then each resource, tab-indented. */
export function infoAll(zoneName: string, config: ZoneConfig, release: SimRelease): string {
  const kz = config.props.brand === 'solaris-kz';
  // A Kernel Zone has no zonepath, and no ip-type or fs-allowed (doc: "there is no support for the
  // max-processes, fs-allowed, and ip-type resources in solaris-kz zones").
  const notKz = ['zonepath', 'ip-type', 'fs-allowed'];
  const globals = [
    ...release.zones.globalProps.filter((p) => !(kz && notKz.includes(p))),
    ...(kz ? KZ_GLOBAL_PROPS : []),
  ];
  return (
    globals.map((p) => infoGlobal(zoneName, config, p)).join('') +
    byOrder(config.resources, RESOURCE_ORDER).map(infoResource).join('')
  );
}
