/**
 * The zone simulator's wire format, shared with simClient.mjs (which repeats it: it must start
 * without tsx). The client sends one JSON line `{"argv":[…]}` and then its stdin until EOF
 * (half-close); the daemon answers with frames: one byte channel, four bytes big-endian length,
 * payload. Channel 1 is stdout, 2 stderr, 3 the exit status as decimal text, last.
 */
export const STDOUT = 1;
export const STDERR = 2;
export const EXIT = 3;

export function frame(channel: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(channel, 0);
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Socket names under the daemon's folder (/run/zmig-lab in the host's namespace). */
export const SOCKETS = {
  /** Mode 0600: root only, i.e. what runs through sudo. */
  root: 'root.sock',
  /** Mode 0666: the login user's unprivileged commands. */
  user: 'user.sock',
  /** Mode 0600: the test process's set-up and inspection requests (JSON line in, JSON line out). */
  control: 'control.sock',
} as const;
