import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { printable } from '../../src/client/render/printable';
import { WatchView } from '../../src/client/render/watchView';

test('control characters from hosts are shown escaped; newlines, tabs and Unicode stay', () => {
  assert.equal(
    printable('cannot receive: \u001b]0;pwned\u0007\u001b[2J'),
    'cannot receive: \\x1b]0;pwned\\x07\\x1b[2J',
  );
  assert.equal(printable('a\rb\u0000c\u009bd'), 'a\\x0db\\x00c\\x9bd');
  assert.equal(printable('step — ✔ done\n\tnext'), 'step — ✔ done\n\tnext');
});

test('watch prints a failed step with an escape sequence in its stderr escaped', async () => {
  const out = new PassThrough();
  const view = new WatchView(undefined, out as never);
  view.line('✘ Pre-seed — node2: `zfs receive` exited 1: \u001b[31mred\u001b[0m');
  view.close();
  out.end();
  assert.equal(await text(out), '✘ Pre-seed — node2: `zfs receive` exited 1: \\x1b[31mred\\x1b[0m\n');
});
