/**
 * The command lines the README's privileges table ("Using it on real hosts") says the zmig user runs
 * as root, in sudoers form: the one place the lab's sudoers is generated from. The zfs row only, for
 * now: the zone-layer rows (zonecfg, zoneadm, zlogin) come with the lab's zone commands.
 */
export const PRIVILEGED_COMMANDS: readonly { readme: string; sudoers: string }[] = [
  // README: "`zfs` (snapshot, send, receive, set, mount, destroy) — the ZFS File System Management profile".
  { readme: 'zfs', sudoers: '/usr/sbin/zfs' },
];

/** sudoers for one lab host: `user` may run exactly those command lines as root, without a password. */
export function sudoersFor(user: string): string {
  return [
    // sudo resolves `zfs` through this path, not the login's PATH (which lacks /usr/sbin).
    'Defaults secure_path="/usr/sbin:/usr/bin:/sbin:/bin"',
    ...PRIVILEGED_COMMANDS.map((c) => `${user} ALL=(root) NOPASSWD: ${c.sudoers}`),
    '',
  ].join('\n');
}
