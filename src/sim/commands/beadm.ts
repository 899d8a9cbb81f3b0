import { BE_ROOT, BE_UUID_PROP } from '../model/bootEnvironment';
import { nicenum } from '../model/sizes';
import type { CommandHandler } from '../shell/invocation';
import { print } from '../shell/io';

/** beadm(8) list [-H]: `name;uuid;flags;mountpoint;space;policy;created` with -H. */
export const beadm: CommandHandler = async (inv) => {
  const [sub, ...args] = inv.args;
  if (sub !== 'list' || args.some((a) => a !== '-H')) {
    print(inv.io.stderr, 'Usage:\n\tbeadm list [-H]\n');
    return 2;
  }
  const { host } = inv;
  const rows = host.zfs.children(BE_ROOT).map((d) => {
    const name = d.name.slice(BE_ROOT.length + 1);
    const active = name === host.activeBe;
    return {
      name,
      uuid: d.props[BE_UUID_PROP] ?? '-',
      flags: active ? 'NR' : '-',
      mountpoint: active ? '/' : '-',
      space: host.zfs.used(d),
      created: d.creation,
    };
  });
  if (args.includes('-H')) {
    print(inv.io.stdout, rows.map((r) => `${r.name};${r.uuid};${r.flags};${r.mountpoint};${r.space};static;${r.created}\n`).join(''));
    return 0;
  }
  const date = (s: number): string => new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const table = [
    ['BE', 'Flags', 'Mountpoint', 'Space', 'Policy', 'Created'],
    ['--', '-----', '----------', '-----', '------', '-------'],
    ...rows.map((r) => [r.name, r.flags, r.mountpoint, nicenum(r.space), 'static', date(r.created)]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
  print(inv.io.stdout, table.map((r) => `${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' ').trimEnd()}\n`).join(''));
  return 0;
};
