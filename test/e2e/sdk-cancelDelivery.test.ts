import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { heartbeatInterceptor } from '../../src/activities/heartbeat';
import { temporalAddress } from './coldMoveHarness';
import { stopSignal, type CancelDeliveryActivities } from './workflows/cancelDelivery';

// resyncUntilCancelled relies on this SDK behaviour (see its comment): pinned here, so an SDK
// upgrade that changes it fails a test instead of the cutover gate.
test('with WAIT_CANCELLATION_COMPLETED, a value an activity returns after the workflow cancelled it reaches the workflow as its result', async () => {
  const taskQueue = `sdk-cancel-${randomUUID()}`;
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const activities: CancelDeliveryActivities = {
    async returnsAfterCancel() {
      started();
      await Context.current().cancelled.catch(() => undefined);
      return 'stopped cleanly';
    },
  };
  const native = await NativeConnection.connect({ address: temporalAddress() });
  const connection = await Connection.connect({ address: temporalAddress() });
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./workflows/cancelDelivery.ts', import.meta.url)),
    activities,
    interceptors: { activity: [heartbeatInterceptor(200)] },
  });
  try {
    await worker.runUntil(async () => {
      const handle = await new Client({ connection }).workflow.start('cancelDelivery', {
        taskQueue,
        workflowId: `sdk-cancel-${randomUUID()}`,
      });
      await running;
      await handle.signal(stopSignal);
      assert.equal(await handle.result(), 'result:stopped cleanly');
    });
  } finally {
    await native.close();
    await connection.close();
  }
});
