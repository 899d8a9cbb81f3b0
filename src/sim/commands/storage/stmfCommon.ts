import type { Invocation } from '../../shell/invocation';
import { print } from '../../shell/io';

/** `stmfadm: <text>` on stderr; stmfadm counts each failed operand into its exit status. */
export function stmfError(inv: Invocation, text: string): 1 {
  print(inv.io.stderr, `stmfadm: ${text}\n`);
  return 1;
}

/** 32 characters: the only check add-view, list-view and remove-view make (stmfadm.c GUID_INPUT). */
export const hasGuidLength = (s: string): boolean => s.length === 32;

/** 32 hex digits: delete-lu and list-lu also check each character (stmfadm.c isxdigit loop). */
export const isGuid = (s: string): boolean => /^[0-9a-fA-F]{32}$/.test(s);

/** The zvol named by a COMSTAR data file path (/dev/zvol/rdsk/<vol> or /dev/zvol/dsk/<vol>). */
export function zvolOfDataFile(path: string): string | undefined {
  return /^\/dev\/zvol\/r?dsk\/(.+)$/.exec(path)?.[1];
}

export const dataFileOf = (zvol: string): string => `/dev/zvol/rdsk/${zvol}`;
