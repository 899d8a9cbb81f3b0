// The zone-layer commands of a real-component lab host (zoneadm, zonecfg, zlogin, beadm, dladm,
// uname): a thin client of the host's zone simulator daemon (zoneSimDaemon.ts). Plain JavaScript so
// that node starts it without tsx: every zmig command on the host pays this start-up. Wire format:
// wire.ts. Root (the sudo path) gets the root socket, anyone else the unprivileged one.
import { Buffer } from 'node:buffer';
import { connect } from 'node:net';

const [command, ...args] = process.argv.slice(2);
const dir = '/run/zmig-lab';
const socket = connect(`${dir}/${process.getuid() === 0 ? 'root.sock' : 'user.sock'}`);

socket.on('error', (err) => {
  process.stderr.write(`${command}: the lab's zone simulator is not reachable: ${err.message}\n`);
  process.exit(1);
});
socket.write(`${JSON.stringify({ argv: [command, ...args] })}\n`);
process.stdin.pipe(socket);
process.stdin.on('error', () => socket.end());

let pending = Buffer.alloc(0);
let status;
socket.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 5) {
    const length = pending.readUInt32BE(1);
    if (pending.length < 5 + length) break;
    const channel = pending[0];
    const payload = pending.subarray(5, 5 + length);
    pending = pending.subarray(5 + length);
    if (channel === 1) process.stdout.write(payload);
    else if (channel === 2) process.stderr.write(payload);
    else if (channel === 3) {
      status = Number(payload.toString());
      // Output first, then the status: both streams are drained before exiting.
      process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
    }
  }
});
socket.on('end', () => {
  if (status !== undefined) return;
  process.stderr.write(`${command}: the lab's zone simulator closed the connection\n`);
  process.exit(1);
});
