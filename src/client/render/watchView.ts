import { SingleBar } from 'cli-progress';
import { stepMark, type ActivityProgress, type ProcedureProgress, type StepProgress } from '../../contracts/progress';
import { formatBytes, formatRate, formatSeconds } from './formatting';
import { printable } from './printable';

/**
 * Draws a procedure run for a person: one line per step as it changes (works in logs too), each new
 * line of the procedure's own detail (coldMove: a transfer round), and on a terminal a live bar for
 * whichever long activity is running.
 */
export class WatchView {
  private readonly seen = new Map<string, string>();
  private readonly detailSeen = new Set<string>();
  private undos = 0;
  private bar?: SingleBar;
  private barLabel = '';

  constructor(
    private readonly detailLines: (detail: unknown) => string[] = () => [],
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {}

  update(p: ProcedureProgress, activity?: ActivityProgress): void {
    this.drawActivity(activity);
    // Steps before the running one first, then new detail (a round, "suspended since"), which
    // belongs to the step that runs or just finished, then the rest.
    const running = p.steps.findIndex((s) => s.status === 'running');
    const split = running === -1 ? p.steps.length : running;
    p.steps.slice(0, split).forEach((s) => this.drawStep(s));
    for (const line of this.detailLines(p.detail)) {
      if (this.detailSeen.has(line)) continue;
      this.detailSeen.add(line);
      this.line(`    ${line}`);
    }
    p.steps.slice(split).forEach((s) => this.drawStep(s));
    for (; this.undos < p.undo.length; this.undos++) this.line(`  ↺ undo: ${p.undo[this.undos]!.description}`);
  }

  private drawStep(s: StepProgress): void {
    const key = `${s.status}|${s.detail ?? ''}`;
    if (this.seen.get(s.id) === key || s.status === 'pending') return;
    this.seen.set(s.id, key);
    this.line(`${stepMark(s.status)} ${s.title}${s.detail ? ` — ${s.detail}` : ''}`);
  }

  private drawActivity(a?: ActivityProgress): void {
    if (!this.out.isTTY) return;
    if (!a) {
      this.stopBar();
      return;
    }
    const total = Math.max(a.total ?? 0, a.bytes, 1);
    if (!this.bar || this.barLabel !== a.label) {
      this.stopBar();
      this.barLabel = a.label;
      // Without a known total (an incremental send): bytes and rate only, no bar.
      const gauge = a.total ? '[{bar}] {percentage}% {done} of {all}{eta}' : '{done}';
      this.bar = new SingleBar({
        format: `    ${printable(a.label)} ${gauge} at {rate}`,
        stream: this.out,
        hideCursor: true,
        clearOnComplete: true,
      });
      this.bar.start(total, 0, { done: '0', all: formatBytes(total), rate: '-', eta: '' });
    }
    this.bar.setTotal(total);
    const eta = a.etaSeconds !== undefined ? `, ${formatSeconds(a.etaSeconds * 1000)} left` : '';
    this.bar.update(a.bytes, {
      done: formatBytes(a.bytes),
      all: formatBytes(total),
      rate: formatRate(a.bytesPerSec),
      eta,
    });
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  line(text: string): void {
    if (this.bar) this.stopBar();
    this.out.write(`${printable(text)}\n`);
  }

  close(): void {
    this.stopBar();
  }
}
