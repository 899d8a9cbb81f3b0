/** How a host escalates: run as the login user, through an RBAC profile, or through sudo. */
export type Privilege = 'none' | 'pfexec' | 'sudo';

/**
 * The commands zmig runs with the host's privilege prefix (README "Using it on real hosts",
 * docs/privileges.md). Everything else it runs (`uname -v`, `beadm list`, `dladm show-*`, and the
 * shell and `ssh` of the direct transport's pipeline) needs no privilege and runs as the login user:
 * a sudoers file or RBAC profile then lists exactly these, and a pipeline's shell is never escalated.
 */
export const PRIVILEGED_COMMANDS: readonly string[] = ['zfs', 'zoneadm', 'zonecfg', 'zlogin', 'stmfadm'];

export function needsPrivilege(argv: readonly string[]): boolean {
  const command = argv[0] ?? '';
  return PRIVILEGED_COMMANDS.includes(command.slice(command.lastIndexOf('/') + 1));
}
