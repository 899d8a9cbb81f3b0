// `npm run bench -- parsers`: every host-output parser fed many hostile inputs (test/fuzz); prints
// the inputs tried and the slowest input per parser. A parser is expected to stay linear: the
// slowest input should take milliseconds, not seconds.
import fc from 'fast-check';
import { feed, hostileText, PARSERS } from '../test/fuzz/solarisParsers';

const RUNS = 5_000;

function describe(text: string): string {
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  return `${text.length} chars ${shown}`;
}

export function benchParsers(say: (s: string) => void): void {
  const inputs = fc.sample(hostileText, { numRuns: RUNS, seed: Date.now() });
  say(`\nhost-output parsers, ${inputs.length} hostile inputs each:`);
  for (const [name, parse] of Object.entries(PARSERS)) {
    let slowest = { ms: 0, text: '' };
    const counts = { parsed: 0, refused: 0 };
    for (const text of inputs) {
      const started = performance.now();
      counts[feed(parse, text)]++;
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms, text };
    }
    say(
      `  ${name.padEnd(20)} ${counts.parsed} parsed, ${counts.refused} refused; slowest ${slowest.ms.toFixed(2)} ms: ${describe(slowest.text)}`,
    );
  }
}
