import type { ExecResult, Host } from '../../src/hosts/host';
import type { Sequence, Step } from './zfsSequences';

/** One side of the comparison: a host zmig reaches over SSH, and how data gets into its filesystems. */
export interface Side {
  host: Host;
  write(dataset: string): Promise<void>;
}

/**
 * What may differ between two ZFS hosts doing the same thing: times, GUIDs and byte counts
 * (`creation`, `guid`, sizes, the stream sizes and rates of `receive -v`; the simulator counts data
 * blocks only, so an empty filesystem uses 0 there). Usage errors are compared up to the usage
 * line: the help after it (zfs-fuse's property table) is text zmig never reads (docs/fidelity.md).
 */
export function normalise(text: string): string {
  return (
    text
      .replace(/\n\nThe following properties are supported:\n[^$]*?\n(?=\$ |$)/g, '\n')
      .replace(/\n\nFor the property list, run: [^$]*?\n(?=\$ |$)/g, '\n')
      .replace(/(?<=^|\t)\d+(\.\d+)?[BKMGTPEZ]?(?=\t|$)/gm, '<size>')
      .replace(
        /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2} \d{4}\b/g,
        '<time>',
      )
      .replace(/\b\d{8,}\b/g, '<number>')
      // Sizes inside sentences: only where send and receive print them, so a number anywhere else still counts.
      .replace(/(?<=(estimated size is|received) )\d+(\.\d+)?[BKMGTPEZ]?B?\b/g, '<size>')
      .replace(/(?<=\()\d+(\.\d+)?[BKMGTPEZ]?B?(?=\/sec\))/g, '<size>')
      .replace(/\bin \d+ seconds\b/g, 'in <n> seconds')
  );
}

function entry(command: string, result: ExecResult): string {
  return `$ ${command}\n[${result.code}]\n${result.stdout}${result.stderr === '' ? '' : `(stderr)\n${result.stderr}`}`;
}

async function relay(host: Host, send: string, receive: string): Promise<string> {
  const abort = new AbortController();
  const sender = host.spawn(send.split(' '), { signal: abort.signal });
  const receiver = host.spawn(receive.split(' '));
  sender.stdout.pipe(receiver.stdin);
  const received = await receiver.done;
  // A receive that gave up reads no more, so the send would wait forever for room to write.
  if (received.code !== 0) abort.abort();
  const sent = await sender.done.catch((err: Error): ExecResult => ({ code: -1, stdout: '', stderr: err.message }));
  const sendPart = received.code === 0 ? entry(send, sent) : `$ ${send}\n(stopped: the receive failed)\n`;
  return `${sendPart}${entry(`| ${receive}`, received)}`;
}

async function runStep(side: Side, step: Step): Promise<string> {
  if ('write' in step) {
    await side.write(step.write);
    return `(data written into ${step.write})\n`;
  }
  if ('send' in step) return relay(side.host, step.send, step.receive);
  return entry(step.run, await side.host.exec(step.run.split(' ')));
}

/** Runs a sequence's steps in order and returns what they printed, normalised. */
export async function transcript(side: Side, sequence: Sequence): Promise<string> {
  let text = '';
  for (const step of sequence.steps) text += await runStep(side, step);
  return normalise(text);
}
