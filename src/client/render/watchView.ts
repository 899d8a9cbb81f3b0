import { SingleBar } from 'cli-progress';
import type { TransferHeartbeat } from '../../activities/transferProgress';
import { stepMark, type MigrationProgress } from '../../workflows/progress';
import { formatBytes, formatRate, formatSeconds } from './formatting';
import { printable } from './printable';

/**
 * Draws a migration for a person: one line per step as it changes (works in logs too), one line
 * per transfer round, and on a terminal a live bar for the running transfer.
 */
export class WatchView {
  private readonly seen = new Map<string, string>();
  private rounds = 0;
  private undos = 0;
  private bar?: SingleBar;
  private barDataset = '';

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {}

  update(p: MigrationProgress, transfer?: TransferHeartbeat): void {
    this.drawTransfer(transfer);
    // Rounds first: a round belongs to the step that is still running or just finished.
    for (; this.rounds < p.rounds.length; this.rounds++) {
      const r = p.rounds[this.rounds]!;
      this.line(`    round ${r.round} (${r.kind}): ${formatBytes(r.bytes)} in ${formatSeconds(r.seconds * 1000)}`);
    }
    for (const s of p.steps) {
      const key = `${s.status}|${s.detail ?? ''}`;
      if (this.seen.get(s.id) === key || s.status === 'pending') continue;
      this.seen.set(s.id, key);
      this.line(`${stepMark(s.status)} ${s.title}${s.detail ? ` — ${s.detail}` : ''}`);
    }
    for (; this.undos < p.undo.length; this.undos++) this.line(`  ↺ undo: ${p.undo[this.undos]!.description}`);
    if (p.awaitingApproval && !this.seen.has('gate-wait')) {
      this.seen.set('gate-wait', 'shown');
      this.line(`    waiting for approval (zmig approve) until ${p.awaitingApproval.deadline}, then ${p.awaitingApproval.onDeadline}`);
    }
  }

  private drawTransfer(t?: TransferHeartbeat): void {
    if (!this.out.isTTY) return;
    if (!t) {
      this.stopBar();
      return;
    }
    const total = Math.max(t.expectedBytes, t.bytes, 1);
    if (!this.bar || this.barDataset !== `${t.dataset}|${t.kind}`) {
      this.stopBar();
      this.barDataset = `${t.dataset}|${t.kind}`;
      // An incremental's size is not known in advance: bytes and rate only, no bar.
      const gauge = t.expectedBytes > 0 ? '[{bar}] {percentage}% {done} of {all}' : '{done}';
      this.bar = new SingleBar({
        format: `    ${t.kind === 'full' ? 'send' : 'send -i'} ${t.dataset} ${gauge} at {rate}`,
        stream: this.out,
        hideCursor: true,
        clearOnComplete: true,
      });
      this.bar.start(total, 0, { done: '0', all: formatBytes(total), rate: '-' });
    }
    this.bar.setTotal(total);
    this.bar.update(t.bytes, { done: formatBytes(t.bytes), all: formatBytes(total), rate: formatRate(t.bytesPerSec) });
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  line(text: string): void {
    const wasBar = this.bar;
    if (wasBar) this.stopBar();
    this.out.write(`${printable(text)}\n`);
  }

  close(): void {
    this.stopBar();
  }
}
