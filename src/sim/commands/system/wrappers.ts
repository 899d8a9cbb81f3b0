import type { CommandHandler } from '../../shell/invocation';
import { print, readAll } from '../../shell/io';

/** `pfexec cmd…`: the simulator runs everything as root, so the prefix only has to be stripped. */
export const pfexec: CommandHandler = async (inv) => {
  if (inv.args.length === 0) {
    print(inv.io.stderr, 'usage: pfexec [-P privspec] cmd [arg ..]\n');
    return 1;
  }
  return inv.runArgv(inv.args, inv.io);
};

/** Where the commands the simulator knows live (inferred from Solaris 11 packaging). */
const SBIN = [
  'zfs',
  'zoneadm',
  'zonecfg',
  'zlogin',
  'beadm',
  'dladm',
  'stmfadm',
  'itadm',
  'iscsiadm',
  'suriadm',
  'mount',
  'df',
  'prtconf',
  'psrinfo',
];

function commandPath(name: string): string {
  if (name.startsWith('/')) return name;
  return SBIN.includes(name) ? `/usr/sbin/${name}` : `/usr/bin/${name}`;
}

/**
 * `sudo [-n] [-u root] cmd…`. A command the host's sudoers does not list is refused, exit 1: with
 * `-n`, which zmig always gives, as "sudo: a password is required" (observed on Debian's sudo in the
 * real-component lab: no NOPASSWD rule matches, and -n forbids asking); otherwise with log_denial's
 * "Sorry, user %s is not allowed to execute '%s%s%s' as %s%s%s on %s." (sudo plugins/sudoers/logging.c).
 */
export const sudo: CommandHandler = async (inv) => {
  let i = 0;
  let nonInteractive = false;
  while (i < inv.args.length && (inv.args[i] ?? '').startsWith('-')) {
    if (inv.args[i] === '-n') nonInteractive = true;
    i += inv.args[i] === '-u' ? 2 : 1;
  }
  const argv = inv.args.slice(i);
  const [command] = argv;
  if (command === undefined) {
    print(inv.io.stderr, 'usage: sudo -n command\n');
    return 1;
  }
  const path = commandPath(command);
  if (inv.host.sudoers !== undefined && !inv.host.sudoers.includes(path)) {
    if (nonInteractive) {
      print(inv.io.stderr, 'sudo: a password is required\n');
      return 1;
    }
    const args = argv.slice(1).join(' ');
    print(
      inv.io.stderr,
      `Sorry, user root is not allowed to execute '${path}${args ? ` ${args}` : ''}' as root on ${inv.host.name}.\n`,
    );
    return 1;
  }
  return inv.runArgv(argv, inv.io);
};

/** `tee file`: copies stdin to stdout and to a file in the login user's home. */
export const tee: CommandHandler = async (inv) => {
  const [path] = inv.args;
  if (path === undefined || inv.args.length !== 1) {
    print(inv.io.stderr, 'usage: tee [-ai] [file ...]\n');
    return 2;
  }
  const text = (await readAll(inv.io.stdin, inv.io.signal)).toString('utf8');
  inv.host.files.set(path, text);
  print(inv.io.stdout, text);
  return 0;
};

/** `rm -f file…`: removes files the login user wrote; -f makes a missing one no error. */
export const rm: CommandHandler = async (inv) => {
  const force = inv.args[0] === '-f';
  let status = 0;
  for (const path of inv.args.slice(force ? 1 : 0)) {
    if (!inv.host.files.delete(path) && !force) {
      print(inv.io.stderr, `rm: ${path}: No such file or directory\n`);
      status = 2;
    }
  }
  return status;
};

/** `/bin/sh -c 'line'` (also ksh/bash): parses and runs the line on the same host. */
export const sh: CommandHandler = async (inv) => {
  const [flag, line] = inv.args;
  if (flag !== '-c' || line === undefined) {
    print(inv.io.stderr, `${inv.name}: only '-c command' is supported\n`);
    return 2;
  }
  return inv.runLine(line, inv.io);
};
