import { Context } from '@temporalio/activity';
import type { HostPool } from '../../hosts/host';
import { pipelineArgv, privilegedArgv, toRemoteCommand } from '../../hosts/quote';
import { zfsDestroy, zfsReceive, zfsSend, zfsSet } from '../../solaris';
import { requireDatasetNames, requireSnapName } from '../activityInput';
import { run, runChecked, runToCompletion, showCommand } from '../commandRunner';
import {
  datasetExists,
  listSnapshots,
  markOwned,
  OWNER_PROPERTY,
  ownedBy,
  readProperties,
  STREAMED_PROPERTY,
  treeReferencedGrowth,
  treeSnapshotCount,
  treeWrittenBytes,
} from './datasetFacts';
import { commandFailed, preconditionFailed } from '../failures';
import { noteMissingFeature } from '../hostFeatures';
import { receiveTakesOptions } from './receiveOptionsProbe';
import { failedSide, relaySend } from './relaySend';
import { startTransferHeartbeat } from './transferProgress';
import type { HostDirectory } from '../hostDirectory';

export interface TransferArgs {
  source: string;
  target: string;
  /** Source dataset (sent recursively). */
  dataset: string;
  targetParent: string;
  targetDataset: string;
  /** Short snapshot names; no `fromSnap` means a full stream. */
  fromSnap?: string;
  toSnap: string;
  migrationId: string;
  transport: 'relay' | 'direct';
  expectedBytes: number;
}

export interface TransferResult {
  snapshot: string;
  /** Data in this round (the received snapshots' `written`), identical when the activity runs again. */
  bytes: number;
}

/**
 * One `zfs send -rc [-i]` → `zfs receive -e` of a dataset tree. Idempotent: a target that already
 * has the snapshot is done; a half-received full stream of ours is destroyed and sent again.
 * The top received dataset is marked with `zmig:migration` so undo destroys only what we made: at
 * receive time with `-o`, or right after it where the host has no `receive -o` (ownedBy covers a
 * crash in between).
 */
export async function transferSnapshot(
  pool: HostPool,
  directory: HostDirectory,
  a: TransferArgs,
): Promise<TransferResult> {
  requireDatasetNames([a.dataset, a.targetParent, a.targetDataset]);
  for (const snap of [a.toSnap, ...(a.fromSnap === undefined ? [] : [a.fromSnap])])
    requireSnapName('snapshot name', snap);
  const source = pool.get(a.source);
  const target = pool.get(a.target);
  const kind = a.fromSnap ? 'incremental' : 'full';

  if (await datasetExists(target, a.targetDataset)) {
    // Complete only when every dataset of the tree arrived: an interrupted recursive receive keeps the finished ones.
    const want = await treeSnapshotCount(source, a.dataset, a.toSnap);
    if ((await treeSnapshotCount(target, a.targetDataset, a.toSnap)) === want) {
      await markOwned(target, a.targetDataset, a.migrationId);
      return roundResult();
    }
    // An incremental needs our previous snapshot there, which proves the tree is ours; a full stream needs the marker.
    const ours = a.fromSnap
      ? (await listSnapshots(target, a.targetDataset)).includes(a.fromSnap)
      : await ownedBy(target, a.targetDataset, a.migrationId);
    if (!ours)
      throw preconditionFailed(`${a.targetDataset} on ${a.target} exists and was not created by this migration`);
    if (!a.fromSnap) await runChecked(target, zfsDestroy(a.targetDataset, { recursive: true }));
  } else if (a.fromSnap) {
    throw preconditionFailed(
      `incremental send needs ${a.targetDataset}@${a.fromSnap} on ${a.target}, but ${a.targetDataset} is missing`,
    );
  }

  const sendArgv = zfsSend(source.dialect, {
    snapshot: `${a.dataset}@${a.toSnap}`,
    fromSnap: a.fromSnap,
    recursive: true,
  });
  // Every round re-asserts the marker: a stream that carries properties must not replace it.
  const receiveArgv = (marked: boolean) =>
    zfsReceive(target.dialect, {
      parent: a.targetParent,
      noMount: true,
      ...(marked && { setProps: { [OWNER_PROPERTY]: a.migrationId } }),
    });
  const progress = startTransferHeartbeat({ dataset: a.dataset, kind, expectedBytes: a.expectedBytes });
  try {
    // Asked before the stream flows; a host that still refuses `receive -o` mid-stream gets it again without.
    const withMarker = await receiveTakesOptions(target, receiveArgv(true));
    if ((await stream(progress, receiveArgv(withMarker))) === 'no-receive-props')
      await stream(progress, receiveArgv(false));
  } finally {
    progress.stop();
  }
  await markOwned(target, a.targetDataset, a.migrationId);
  // Only the relay counts the bytes it moves; the direct pipeline's are not seen here.
  return roundResult(a.transport === 'relay' ? progress.bytes : undefined);

  async function stream(
    progress: ReturnType<typeof startTransferHeartbeat>,
    receiveArgv: readonly string[],
  ): Promise<'done' | 'no-receive-props'> {
    const signal = Context.current().cancellationSignal;
    if (a.transport === 'relay') {
      // Only the relay sees the bytes, so only it can tell a stuck stream from a slow one.
      const out = await relaySend(source, sendArgv, target, receiveArgv, {
        signal: AbortSignal.any([signal, progress.stalled]),
        onBytes: (n) => progress.add(n),
      });
      const failed = failedSide(out);
      if (failed === 'receive' && noteMissingFeature(target, 'receiveSetProps', out.receive)) return 'no-receive-props';
      if (failed === 'receive') {
        throw commandFailed({
          host: a.target,
          command: showCommand(receiveArgv),
          exitCode: out.receive.code,
          stderr: out.receive.stderr,
        });
      }
      if (failed === 'send') {
        throw commandFailed({
          host: a.source,
          command: showCommand(sendArgv),
          exitCode: out.send.code,
          stderr: out.send.stderr,
        });
      }
    } else {
      const dest = directory.sshDestination(a.target);
      const remoteReceive = toRemoteCommand(receiveArgv, dest.privilege);
      // The source's ssh trusts exactly the key the inventory trusts for the target, from a file
      // in the login user's home that lives only as long as this round.
      const knownHosts = `.zmig-known_hosts-${`${a.migrationId}-${a.toSnap}`.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
      const lines = await directory.knownHostsLines(a.target);
      const written = await run(source, ['tee', knownHosts], { stdin: `${lines.join('\n')}\n` });
      if (written.code !== 0)
        throw commandFailed({
          host: a.source,
          command: `tee ${knownHosts}`,
          exitCode: written.code,
          stderr: written.stderr,
        });
      try {
        const ssh = [
          // Only the inventory's key is trusted: neither the user's nor the system-wide known hosts.
          'ssh',
          '-o',
          'BatchMode=yes',
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          `UserKnownHostsFile=${knownHosts}`,
          '-o',
          'GlobalKnownHostsFile=/dev/null',
          '-p',
          String(dest.port),
          `${dest.user}@${dest.address}`,
          remoteReceive,
        ];
        // The pipeline shell (and so ssh) is not escalated (hosts/privilege.ts): only the send stage carries the prefix.
        const pipeline = pipelineArgv([privilegedArgv(sendArgv, directory.privilege(a.source)), ssh]);
        const res = await run(source, pipeline, { signal });
        if (noteMissingFeature(target, 'receiveSetProps', res)) return 'no-receive-props';
        if (res.code !== 0) {
          throw commandFailed({
            host: a.source,
            command: `${showCommand(sendArgv)} | ${showCommand(ssh)}`,
            exitCode: res.code,
            stderr: res.stderr,
          });
        }
      } finally {
        await runToCompletion(source, ['rm', '-f', knownHosts]);
      }
    }
    return 'done';
  }

  /**
   * The round's size, the same when the step runs again: `written` where the host has it; else
   * the bytes this attempt relayed, recorded on the received snapshot (`zmig:streamed`) for a re-run
   * to read back; else the growth of `referenced`, an estimate.
   */
  async function roundResult(streamed?: number): Promise<TransferResult> {
    const snapshot = `${a.targetDataset}@${a.toSnap}`;
    const written = await treeWrittenBytes(target, a.targetDataset, a.toSnap);
    if (written !== undefined) return { snapshot, bytes: written };
    if (streamed !== undefined) {
      await runChecked(target, zfsSet(snapshot, STREAMED_PROPERTY, String(streamed)));
      return { snapshot, bytes: streamed };
    }
    const recorded = (await readProperties(target, snapshot, [STREAMED_PROPERTY]))[STREAMED_PROPERTY];
    if (recorded?.source === 'local' && /^\d+$/.test(recorded.value))
      return { snapshot, bytes: Number(recorded.value) };
    return { snapshot, bytes: (await treeReferencedGrowth(target, a.targetDataset, a.toSnap, a.fromSnap)) ?? 0 };
  }
}

/** Undo of the pre-seed: destroys the received tree, but only when it carries this migration's marker. */
export async function destroyReceived(
  pool: HostPool,
  a: { target: string; datasets: string[]; migrationId: string },
): Promise<void> {
  requireDatasetNames(a.datasets);
  const target = pool.get(a.target);
  for (const ds of a.datasets) {
    if (!(await datasetExists(target, ds))) continue;
    if (!(await ownedBy(target, ds, a.migrationId))) continue;
    await runChecked(target, zfsDestroy(ds, { recursive: true }));
  }
}
