// Asks the kernel for an unused TCP port on `ip`. Another process could take it before
// the caller binds it; on loopback in tests that window is small enough to live with.
import { createServer } from 'node:net';

export function freePort(ip = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, ip, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no free port on ${ip}`))));
    });
  });
}
