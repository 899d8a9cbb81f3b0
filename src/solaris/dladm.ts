import { outputLines } from './outputLines';
import { ParseError } from './parseError';
import { splitParsable } from './parsableFields';

/**
 * Lists the named VNICs. A name that does not exist makes dladm fail with
 * `dladm: invalid vnic name '<name>': object not found` (exit 1).
 */
export function dladmShowVnic(names: string[]): readonly string[] {
  return ['dladm', 'show-vnic', '-p', '-o', 'link,over,macaddress', ...names];
}

export interface VnicEntry {
  link: string;
  over: string;
  /** As dladm prints it (`2:8:20:ab:cd:ef`, leading zeros dropped). */
  macAddress: string;
}

/** Parses `dladm show-vnic -p -o link,over,macaddress`; colons in the MAC come escaped as `\:`. */
export function parseDladmShowVnic(stdout: string): VnicEntry[] {
  return outputLines(stdout).map((line) => {
    const fields = splitParsable(line.trim());
    const [link, over, macAddress] = fields;
    if (fields.length !== 3 || link === undefined || over === undefined || macAddress === undefined || link === '') {
      throw new ParseError('dladm show-vnic -p', line, 'expected link:over:macaddress');
    }
    return { link, over, macAddress };
  });
}

/**
 * One datalink of any class (phys, aggr, vnic, etherstub, …): `dladm: link X is not valid: object
 * not found` (exit 1) when there is none (dladm.c do_show_link, die_dlerr).
 */
export function dladmShowLink(name: string): readonly string[] {
  return ['dladm', 'show-link', '-p', '-o', 'link,class', name];
}

/** dladm's stderr for a link that does not exist. */
export function isDladmObjectNotFound(stderr: string): boolean {
  return /object not found/i.test(stderr);
}
