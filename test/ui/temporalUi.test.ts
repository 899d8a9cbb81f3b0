import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TASK_QUEUE } from '../../src/contracts/taskQueue';
import { coldMoveRig, temporalAddress, type ColdMoveRig } from '../e2e/coldMoveHarness';
import { waitFor } from '../e2e/waitFor';
import { runZmig } from '../e2e/zmigCli';

const SCREENSHOTS = fileURLToPath(new URL('../../test-output/ui/', import.meta.url));
let rig: ColdMoveRig;
let browser: Browser;
let env: NodeJS.ProcessEnv;

function uiUrl(): string {
  const url = process.env['ZMIG_TEMPORAL_UI'];
  if (!url)
    throw new Error(
      'ZMIG_TEMPORAL_UI is not set: run the suite with `npm test`, which starts the dev server with its UI',
    );
  return url;
}

before(async () => {
  rig = await coldMoveRig({ taskQueue: TASK_QUEUE, timings: { transferBytesPerSec: 8 * 1024 * 1024 } });
  env = { ...process.env, TEMPORAL_ADDRESS: temporalAddress(), ZMIG_INVENTORY: rig.lab.inventoryPath };
  // Debian's chromium; root needs --no-sandbox.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await rig?.close();
});

const zmig = (...args: string[]) => runZmig(env, ...args);

/** The text of the page and of every frame in it (the UI renders Markdown in iframes). */
async function visibleText(page: Page): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((f) =>
      f
        .locator('body')
        .innerText()
        .catch(() => ''),
    ),
  );
  return texts.join('\n');
}

test('the Temporal UI shows a gated cold move: found by zone, its summary and options, its current step, readable activity summaries', async () => {
  const started = await zmig('cold-move', 'www', '--from', 'node1', '--to', 'node2', '--approve-cutover', '--no-wait');
  assert.equal(started.code, 0, started.stderr);
  await waitFor('the cutover gate', async () => {
    const out = await zmig('status', 'node1/www', '--json');
    return (JSON.parse(out.stdout) as { progress?: { phase: string } }).progress?.phase === 'cutover-gate'
      ? true
      : undefined;
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
  try {
    await page.goto(`${uiUrl()}/namespaces/default/workflows?query=${encodeURIComponent('ZmigZone="www"')}`);
    const row = page.getByText('zone/node1/www').first();
    await row.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'list-by-zone.png'), fullPage: true });
    await row.click();
    await page.getByText('User Metadata').first().click();
    await page.getByText('Current Details').first().waitFor({ timeout: 30_000 });
    let text = '';
    await waitFor('the step list in Current Details', async () => {
      text = await visibleText(page);
      return /phase: cutover-gate/.test(text) ? true : undefined;
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'at-the-gate.png'), fullPage: true });
    assert.match(text, /coldMove www: node1 → node2/, 'the summary set at start');
    assert.match(text, /cutover: waits for zmig approve/, 'the options set at start');
    assert.match(text, /▶ Cutover approval/, 'the current step');
    assert.match(text, /✔ Pre-seed: full send while the zone runs/);
    assert.match(text, /zfs send rpool\/zones\/www@zmig-\S+ → node2/, 'an activity summary');

    const approved = await zmig('approve', 'node1/www');
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal((await zmig('watch', 'node1/www')).code, 0);
    await page.reload();
    await waitFor('the finished run in the UI', async () => {
      text = await visibleText(page);
      return /Completed/.test(text) && /phase: done/.test(text) ? true : undefined;
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'completed.png'), fullPage: true });
  } finally {
    await page.close();
  }
});
