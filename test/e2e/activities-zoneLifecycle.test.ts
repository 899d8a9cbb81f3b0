import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import { PARENT_BE_PROP } from '../../src/sim/model/bootEnvironment';
import { twoHostActivityLab, type ActivityLab } from './activityHarness';

let rig: ActivityLab;
const env = new MockActivityEnvironment();
before(async () => {
  rig = await twoHostActivityLab();
});
after(async () => rig.close());

test('an attach that clones the zone BE instead of using it in place fails the step, naming the clone', async () => {
  const zone = { host: 'node1', zone: 'www' };
  await env.run(() => rig.acts.shutdownZone({ ...zone, timeoutSeconds: 30, haltFallback: false }));
  await env.run(() => rig.acts.detachZone(zone));
  // As if the re-parenting had not held: the zone BE belongs to a boot environment not running here.
  rig.lab.hosts['node1']!.dataset('rpool/zones/www/rpool/ROOT/solaris')!.props[PARENT_BE_PROP] =
    '0495d05d-3eb3-4c5e-a770-f5db14539bf9';
  await assert.rejects(
    env.run(() => rig.acts.attachZone({ ...zone, zbe: 'solaris' })),
    (err: Error & { type?: string }) => {
      assert.equal(err.type, 'PreconditionFailed');
      assert.match(
        err.message,
        /zoneadm attach on node1 used a clone of zone boot environment solaris, not solaris in place/,
      );
      return true;
    },
  );
});

test('a zlogin init 5 that hangs in the zone is cut off: the wait and the halt fallback still follow', async () => {
  const node1 = rig.lab.hosts['node1']!;
  node1.configureZone(
    'app',
    { props: { brand: 'solaris', zonepath: '/zones/app', 'ip-type': 'exclusive' }, resources: [] },
    'installed',
  );
  await env.run(() => rig.acts.bootZone({ host: 'node1', zone: 'app', timeoutSeconds: 30 }));
  const hang = rig.lab.faults.add({ host: 'node1', match: /zlogin app /, action: 'hang' });
  try {
    assert.equal(
      await env.run(() => rig.acts.shutdownZone({ host: 'node1', zone: 'app', timeoutSeconds: 1, haltFallback: true })),
      'installed',
    );
    assert.equal(hang.hits, 1);
    assert.equal(node1.zone('app')?.state, 'installed');
  } finally {
    hang.remove();
  }
});
