import { connect } from 'node:net';
import type { ControlRequest, ControlResponse } from './controlOps';

/** Sends one request to a host's zone simulator (its control socket, reached from outside the namespace). */
export function zoneControl(socketPath: string, request: ControlRequest): Promise<ControlResponse & { ok: true }> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let text = '';
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => {
      try {
        const reply = JSON.parse(text) as ControlResponse;
        if (!reply.ok) reject(new Error(`zone simulator: ${reply.error}`));
        else resolve(reply);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.write(`${JSON.stringify(request)}\n`);
  });
}
