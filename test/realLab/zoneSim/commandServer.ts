import type { Socket } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CommandIO } from '../../../src/sim/shell/io';
import { EXIT, frame, STDERR, STDOUT } from './wire';

/** Runs one argv with the given streams; resolves to its exit status. */
export type RunCommand = (argv: string[], io: CommandIO) => Promise<number>;

/** A Writable that frames what is written onto the connection, on one channel. */
function channelStream(socket: Socket, channel: number): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (socket.destroyed) return done();
      socket.write(frame(channel, chunk), () => done());
    },
  });
}

/**
 * Serves one client connection (wire.ts): reads the argv line, feeds the rest of the input to the
 * command's stdin, frames its output and its exit status. A client that goes away (killed, its SSH
 * session closed) aborts the command, as a closed pipe would.
 */
export function serveCommand(socket: Socket, run: RunCommand): void {
  const stdin = new PassThrough();
  const controller = new AbortController();
  let header = '';
  let started = false;
  socket.on('error', () => undefined);
  socket.on('close', () => controller.abort(new Error('client gone')));
  socket.on('end', () => stdin.end());
  socket.on('data', (chunk: Buffer) => {
    if (started) {
      stdin.write(chunk);
      return;
    }
    header += chunk.toString('latin1');
    const newline = header.indexOf('\n');
    if (newline < 0) return;
    started = true;
    const rest = Buffer.from(header.slice(newline + 1), 'latin1');
    if (rest.length > 0) stdin.write(rest);
    const { argv } = JSON.parse(header.slice(0, newline)) as { argv: string[] };
    void start(argv);
  });

  async function start(argv: string[]): Promise<void> {
    const stdout = channelStream(socket, STDOUT);
    const stderr = channelStream(socket, STDERR);
    const io: CommandIO = { stdin, stdout, stderr, signal: controller.signal, disconnect: () => socket.destroy() };
    let code: number;
    try {
      code = await run(argv, io);
    } catch (err) {
      stderr.write(`${argv[0] ?? ''}: ${err instanceof Error ? err.message : String(err)}\n`);
      code = 1;
    }
    // Everything written is framed before the status: both streams finish first.
    await Promise.all([finished(stdout.end()), finished(stderr.end())]).catch(() => undefined);
    if (!socket.destroyed) socket.end(frame(EXIT, Buffer.from(String(code))));
  }
}
