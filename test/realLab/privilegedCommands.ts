import { PRIVILEGED_COMMANDS } from '../../src/hosts/privilege';

/**
 * The sudoers a lab host gets: exactly the commands zmig escalates (src/hosts/privilege.ts, the
 * list the README's privileges section documents), each by its Solaris path, without a password.
 * Nothing else: an undocumented command through sudo is refused, as on a host set up by the README.
 */
export function sudoersFor(user: string, without: readonly string[] = []): string {
  const allowed = PRIVILEGED_COMMANDS.filter((c) => !without.includes(c));
  return [
    // sudo resolves `zfs` through this path, not the login's PATH (which lacks /usr/sbin).
    'Defaults secure_path="/usr/sbin:/usr/bin:/sbin:/bin"',
    ...(allowed.length > 0 ? [`${user} ALL=(root) NOPASSWD: ${allowed.map((c) => `/usr/sbin/${c}`).join(', ')}`] : []),
    '',
  ].join('\n');
}
