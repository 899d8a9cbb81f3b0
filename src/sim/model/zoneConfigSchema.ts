/**
 * What zonecfg knows about: global properties in `info` order and each resource type's properties
 * in the order `info` lists them. Adding a resource type (device, suspend, keysource, …) is one entry.
 */
export const GLOBAL_PROPS = [
  'zonename',
  'zonepath',
  'brand',
  'autoboot',
  'autoshutdown',
  'bootargs',
  'file-mac-profile',
  'pool',
  'limitpriv',
  'scheduling-class',
  'ip-type',
  'hostid',
  'tenant',
  'fs-allowed',
] as const;

/** Global properties `export` writes, in its order: brand first (zonename is implied by -z). */
export const EXPORT_GLOBAL_ORDER = ['brand', ...GLOBAL_PROPS.filter((p) => p !== 'zonename' && p !== 'brand')];

export const RESOURCE_PROPS: Record<string, readonly string[]> = {
  fs: ['dir', 'special', 'raw', 'type', 'options'],
  net: ['address', 'allowed-address', 'configure-allowed-address', 'physical', 'defrouter'],
  anet: [
    'linkname', 'lower-link', 'allowed-address', 'configure-allowed-address', 'defrouter',
    'link-protection', 'mac-address', 'vlan-id', 'mtu', 'maxbw', 'iov', 'lro', 'id',
  ],
  device: ['match', 'storage', 'id', 'bootpri', 'allow-partition', 'allow-raw-io'],
  rctl: ['name', 'value'],
  attr: ['name', 'type', 'value'],
  dataset: ['name', 'alias'],
  'dedicated-cpu': ['ncpus', 'importance'],
  'capped-cpu': ['ncpus'],
  'capped-memory': ['physical', 'swap', 'locked'],
  admin: ['user', 'auths'],
  suspend: ['path', 'storage'],
  keysource: ['raw'],
};

/** `export` writes resources grouped by type in this order. */
export const RESOURCE_ORDER = Object.keys(RESOURCE_PROPS);

/** Defaults a fresh `create` (not `create -b`) fills in for a solaris-brand zone. */
export const CREATE_DEFAULTS: Record<string, string> = {
  brand: 'solaris',
  autoboot: 'false',
  autoshutdown: 'shutdown',
  'ip-type': 'exclusive',
};
