import { randomBytes, randomUUID } from 'node:crypto';

/** A 64-bit ZFS guid, printed as an unsigned decimal like `zfs get guid` does. */
export function newGuid(): string {
  return randomBytes(8).readBigUInt64BE().toString();
}

export function newUuid(): string {
  return randomUUID();
}

/** A Solaris hostid: 8 lowercase hex digits. */
export function newHostid(): string {
  return randomBytes(4).toString('hex');
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
