import type { HostPool } from '../hosts/host';
import type { ColdMoveInput } from '../contracts/coldMove/input';
import type { KzWarmMigrateInput } from '../contracts/kzWarmMigrate/input';
import type { IscsiLuRollbackInput } from '../contracts/iscsiLuRollback/input';
import { deleteLu, importLu, reinstateLu, restoreViews } from './comstar/logicalUnit';
import { planIscsiLuRollbackCommands } from './iscsiLuRollback/planCommands';
import { preflightIscsiLuRollback } from './iscsiLuRollback/preflight';
import { rollbackZvol } from './zfs/rollback';
import { finalizeKzSource } from './kzWarmMigrate/finalize';
import { planKzWarmMigrateCommands } from './kzWarmMigrate/planCommands';
import { preflightKzWarmMigrate } from './kzWarmMigrate/preflight';
import { attachKernelZone, attachKernelZoneRenewingHostData, reattachKernelZone, suspendZone } from './kz/kernelZone';
import { adoptZoneBootEnvironment } from './zones/bootEnvironments';
import { finalizeSource } from './coldMove/finalize';
import { planCommands } from './coldMove/planCommands';
import { preflightColdMove } from './coldMove/preflight';
import { latestCommonRound } from './zfs/commonRound';
import { pruneToLatestCommonRound } from './zfs/pruneRounds';
import { resyncUntilCancelled } from './zfs/resyncUntilCancelled';
import { createSnapshots, destroyOwnSnapshots } from './zfs/snapshots';
import { configureTargetZone, copyZoneConfigWithKey, deleteTargetZoneConfig } from './zones/targetConfig';
import { destroyReceived, transferSnapshot } from './zfs/transfer';
import { mountZonepath, mountZoneRoot } from './zones/zonepathMount';
import type { HostDirectory } from './hostDirectory';
import { attachZone, bootZone, detachZone, haltZone, shutdownZone } from './zones/zoneLifecycle';

export interface ActivityDeps {
  pool: HostPool;
  directory: HostDirectory;
}

/** All activities, bound to the worker's hosts (Temporal's factory pattern: dependencies in, functions out). */
export function createActivities({ pool, directory }: ActivityDeps) {
  type Args<F> = F extends (p: HostPool, a: infer A) => unknown ? A : never;
  return {
    preflightColdMove: (input: ColdMoveInput) => preflightColdMove(pool, input),
    planColdMoveCommands: (a: Args<typeof planCommands>) => planCommands(pool, a),
    configureTargetZone: (a: Args<typeof configureTargetZone>) => configureTargetZone(pool, a),
    deleteTargetZoneConfig: (a: Args<typeof deleteTargetZoneConfig>) => deleteTargetZoneConfig(pool, a),
    createSnapshots: (a: Args<typeof createSnapshots>) => createSnapshots(pool, a),
    destroyOwnSnapshots: (a: Args<typeof destroyOwnSnapshots>) => destroyOwnSnapshots(pool, a),
    transferSnapshot: (a: Parameters<typeof transferSnapshot>[2]) => transferSnapshot(pool, directory, a),
    destroyReceived: (a: Args<typeof destroyReceived>) => destroyReceived(pool, a),
    resyncUntilCancelled: (a: Parameters<typeof resyncUntilCancelled>[2]) => resyncUntilCancelled(pool, directory, a),
    pruneToLatestCommonRound: (a: Parameters<typeof pruneToLatestCommonRound>[1]) => pruneToLatestCommonRound(pool, a),
    latestCommonRound: (a: Args<typeof latestCommonRound>) => latestCommonRound(pool, a),
    shutdownZone: (a: Args<typeof shutdownZone>) => shutdownZone(pool, a),
    bootZone: (a: Args<typeof bootZone>) => bootZone(pool, a),
    haltZone: (a: Args<typeof haltZone>) => haltZone(pool, a),
    detachZone: (a: Args<typeof detachZone>) => detachZone(pool, a),
    attachZone: (a: Args<typeof attachZone>) => attachZone(pool, a),
    mountZonepath: (a: Args<typeof mountZonepath>) => mountZonepath(pool, a),
    mountZoneRoot: (a: Args<typeof mountZoneRoot>) => mountZoneRoot(pool, a),
    adoptZoneBootEnvironment: (a: Args<typeof adoptZoneBootEnvironment>) => adoptZoneBootEnvironment(pool, a),
    finalizeSource: (a: Args<typeof finalizeSource>) => finalizeSource(pool, a),
    preflightKzWarmMigrate: (input: KzWarmMigrateInput) => preflightKzWarmMigrate(pool, input),
    planKzWarmMigrateCommands: planKzWarmMigrateCommands,
    copyZoneConfigWithKey: (a: Args<typeof copyZoneConfigWithKey>) => copyZoneConfigWithKey(pool, a),
    suspendZone: (a: Args<typeof suspendZone>) => suspendZone(pool, a),
    attachKernelZone: (a: Args<typeof attachKernelZone>) => attachKernelZone(pool, a),
    reattachKernelZone: (a: Args<typeof reattachKernelZone>) => reattachKernelZone(pool, a),
    finalizeKzSource: (a: Args<typeof finalizeKzSource>) => finalizeKzSource(pool, a),
    preflightIscsiLuRollback: (input: IscsiLuRollbackInput) => preflightIscsiLuRollback(pool, input),
    planIscsiLuRollbackCommands: planIscsiLuRollbackCommands,
    deleteLu: (a: Args<typeof deleteLu>) => deleteLu(pool, a),
    rollbackZvol: (a: Args<typeof rollbackZvol>) => rollbackZvol(pool, a),
    importLu: (a: Args<typeof importLu>) => importLu(pool, a),
    restoreViews: (a: Args<typeof restoreViews>) => restoreViews(pool, a),
    reinstateLu: (a: Args<typeof reinstateLu>) => reinstateLu(pool, a),
    attachKernelZoneRenewingHostData: (a: Args<typeof attachKernelZoneRenewingHostData>) =>
      attachKernelZoneRenewingHostData(pool, a),
  };
}

export type Activities = ReturnType<typeof createActivities>;
