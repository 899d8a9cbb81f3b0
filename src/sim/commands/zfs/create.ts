import { canonicalProp, validateSet } from '../../model/zfsProps';
import { parentName, poolOf } from '../../model/zfsState';
import { parseSize } from '../../model/sizes';
import { has } from '../getopt';
import { assignments, soleOperand, VALID_COMPONENT, zfsError, zfsSubcommand, type ZfsSyntax, zfsUsage } from './common';

const SYNTAX: ZfsSyntax = {
  usage:
    'create [-p] [-o property=value] ... <filesystem>\n\tcreate [-ps] [-b blocksize] [-o property=value] ... -V <size> <volume>',
  options: 'po:V:sb:',
};

/** `zfs create [-p] [-o p=v]… fs` and `zfs create [-ps] [-b bs] -V size vol`. */
export const zfsCreate = zfsSubcommand(SYNTAX, (inv, o, usage) => {
  const name = soleOperand(inv, o, usage, 'filesystem');
  if (typeof name === 'number') return name;
  const props = assignments(o.opts.get('o') ?? []);
  if (typeof props === 'string') return zfsUsage(inv, props, usage);
  const volsize = o.opts.get('V')?.at(-1);
  const type = volsize === undefined ? 'filesystem' : 'volume';
  if (volsize !== undefined) {
    const bytes = parseSize(volsize);
    if (bytes === undefined) return zfsError(inv, `bad volume size '${volsize}'`);
    props.volsize = String(bytes);
  }
  const { host } = inv;
  if (name.includes('@') || !name.includes('/') || !name.split('/').every((c) => VALID_COMPONENT.test(c))) {
    return zfsError(inv, `cannot create '${name}': invalid dataset name`);
  }
  if (host.zfs.get(name)) return zfsError(inv, `cannot create '${name}': dataset already exists`);
  if (!host.zfs.pools.has(poolOf(name)))
    return zfsError(inv, `cannot create '${name}': no such pool '${poolOf(name)}'`);
  const parent = parentName(name) ?? '';
  if (!host.zfs.get(parent) && !has(o, 'p')) return zfsError(inv, `cannot create '${name}': parent does not exist`);
  const checkedProps: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    const canonical = canonicalProp(k) ?? k;
    const checked = validateSet(type, canonical, v);
    if ('error' in checked) return zfsError(inv, `cannot create '${name}': ${checked.error}`);
    checkedProps[canonical] = checked.value;
  }
  host.createDataset(name, { type, props: checkedProps });
  return 0;
});
