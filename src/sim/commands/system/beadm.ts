import { BE_ROOT, BE_UUID_PROP } from '../../model/bootEnvironment';
import { nicenum } from '../../model/sizes';
import type { CommandHandler } from '../../shell/invocation';
import { print } from '../../shell/io';

/**
 * beadm(8) list [-H]. With -H: `name;uuid;active;mountpoint;space;policy;created`, space in bytes
 * and created in epoch seconds, and empty fields left empty instead of `-` (Solaris 11.0
 * usr/src/cmd/beadm/BootEnvironment.py listBootEnvironment.list; illumos beadm.c print_be_nodes;
 * beadm(1M) Example 17: `BE2;;;;55296;static;1211397974`).
 */
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
      // A BE without a uuid: an empty field (beadm(1M): "This field will be blank if the boot
      // environment does not have a UUID"). illumos passes a NULL pointer to printf there, which
      // libc would print as "(null)"; that is inferred, not observed, so the field stays empty.
      uuid: d.props[BE_UUID_PROP] ?? '',
      // N = active now, R = active on reboot (the simulator reboots into the running BE).
      flags: active ? 'NR' : '',
      mountpoint: active ? '/' : '',
      space: host.zfs.used(d),
      created: d.creation,
    };
  });
  if (args.includes('-H')) {
    print(
      inv.io.stdout,
      rows.map((r) => `${r.name};${r.uuid};${r.flags};${r.mountpoint};${r.space};static;${r.created}\n`).join(''),
    );
    return 0;
  }
  const date = (s: number): string => new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const table = [
    ['BE', 'Flags', 'Mountpoint', 'Space', 'Policy', 'Created'],
    ['--', '-----', '----------', '-----', '------', '-------'],
    ...rows.map((r) => [r.name, r.flags || '-', r.mountpoint || '-', nicenum(r.space), 'static', date(r.created)]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
  print(
    inv.io.stdout,
    table
      .map(
        (r) =>
          `${r
            .map((c, i) => c.padEnd(widths[i] ?? 0))
            .join(' ')
            .trimEnd()}\n`,
      )
      .join(''),
  );
  return 0;
};
