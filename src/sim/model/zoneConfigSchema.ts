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

export type GlobalProp = (typeof GLOBAL_PROPS)[number];

/**
 * Global properties `export` writes, in its order (zonename is implied by -z). Solaris 11.0
 * zonecfg.c export_func: zonepath, brand, autoboot, file-mac-profile, bootargs, pool, limitpriv,
 * scheduling-class, ip-type, hostid, fs-allowed; the 11.3+ properties (autoshutdown, tenant) are
 * placed after autoboot and at the end (inferred), and illumos writes the same order.
 */
export const EXPORT_GLOBAL_ORDER = [
  'zonepath',
  'brand',
  'autoboot',
  'autoshutdown',
  'file-mac-profile',
  'bootargs',
  'pool',
  'limitpriv',
  'scheduling-class',
  'ip-type',
  'hostid',
  'fs-allowed',
  'tenant',
];

/**
 * Later Solaris 11 releases export brand before zonepath: a published Solaris 11.2 transcript
 * ("Oracle Solaris 11 lab", `zonecfg -z ai-zone export`) shows `create -b`, `set brand=solaris`,
 * `set zonepath=/system/zones/%{zonename}`, `set autoboot=false`, `set autoshutdown=shutdown`,
 * `set ip-type=exclusive`. Used for 11.3 and 11.4 (inferred to match 11.2).
 */
export const EXPORT_GLOBAL_ORDER_BRAND_FIRST = ['brand', ...EXPORT_GLOBAL_ORDER.filter((p) => p !== 'brand')];

export const RESOURCE_PROPS: Record<string, readonly string[]> = {
  fs: ['dir', 'special', 'raw', 'type', 'options'],
  net: ['address', 'allowed-address', 'configure-allowed-address', 'physical', 'defrouter'],
  anet: [
    'linkname',
    'lower-link',
    'allowed-address',
    'configure-allowed-address',
    'defrouter',
    'link-protection',
    'mac-address',
    'vlan-id',
    'mtu',
    'maxbw',
    'iov',
    'lro',
    'id',
  ],
  device: ['match', 'storage', 'id', 'bootpri', 'allow-partition', 'allow-raw-io'],
  rctl: ['name', 'value'],
  attr: ['name', 'type', 'value'],
  dataset: ['name', 'alias'],
  'dedicated-cpu': ['ncpus', 'importance'],
  'capped-cpu': ['ncpus'],
  'capped-memory': ['physical', 'swap', 'locked'],
  // solaris-kz only (doc: "Managing Kernel Zone CPUs", `add virtual-cpu; set ncpus=8`).
  'virtual-cpu': ['ncpus'],
  admin: ['user', 'auths'],
  suspend: ['path', 'storage'],
  keysource: ['raw'],
};

/** `info` lists resources grouped by type in this order. */
export const RESOURCE_ORDER = Object.keys(RESOURCE_PROPS);

/**
 * `export` writes resources grouped by type in this order (Solaris 11.0 zonecfg.c export_func: fs,
 * net, anet, device, capped-memory, rctl, attr, dataset, dedicated-cpu, admin; capped-cpu, suspend
 * and keysource placed by inference).
 */
export const EXPORT_RESOURCE_ORDER = [
  'fs',
  'net',
  'anet',
  'device',
  'capped-memory',
  'rctl',
  'attr',
  'dataset',
  'dedicated-cpu',
  'capped-cpu',
  'virtual-cpu',
  'admin',
  'suspend',
  'keysource',
];

/**
 * Kernel Zone global properties, known where the release has the solaris-kz brand: the CPU
 * migration class (doc: "Kernel Zone Migration Class and Host Compatibility Level": `set
 * cpu-arch=migration-class1`; a global property in 11.4's "cpu-arch Global Property").
 */
export const KZ_GLOBAL_PROPS = ['cpu-arch'] as const;

/** Defaults a fresh `create` (not `create -b`) fills in for a solaris-brand zone. */
export const CREATE_DEFAULTS: Record<string, string> = {
  brand: 'solaris',
  autoboot: 'false',
  autoshutdown: 'shutdown',
  'ip-type': 'exclusive',
};
