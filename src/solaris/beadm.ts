import { outputLines } from './outputLines';
import { ParseError } from './parseError';

export function beadmList(): readonly string[] {
  return ['beadm', 'list', '-H'];
}

export interface BootEnvironment {
  name: string;
  /** `org.opensolaris.libbe:uuid`; zone BEs carry it as their `parentbe` (docs/procedures.md#boot-environments). */
  uuid: string;
  /** Flag `N`: the running BE. */
  active: boolean;
  /** Flag `R`: the BE used at next boot. */
  activeOnReboot: boolean;
}

/** Parses `beadm list -H`: `name;uuid;flags;mountpoint;space;policy;created`. */
export function parseBeadmList(stdout: string): BootEnvironment[] {
  return outputLines(stdout).map((line) => {
    const fields = line.trim().split(';');
    const [name, uuid, flags] = fields;
    if (fields.length < 3 || name === undefined || uuid === undefined || flags === undefined || name === '') {
      throw new ParseError('beadm list -H', line, 'expected "name;uuid;flags;..."');
    }
    return { name, uuid, active: flags.includes('N'), activeOnReboot: flags.includes('R') };
  });
}
