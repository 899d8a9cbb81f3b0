import type { HostPool } from '../../hosts/host';
import {
  attachesMountedRoot,
  zbeRoot,
  ZBE_PARENT_PROP,
  zfsDestroy,
  zfsMount,
  zfsSet,
  zfsReceive,
  zfsSend,
  zfsSnapshot,
  zloginInit,
  zoneadmAttach,
  zoneadmBoot,
  zoneadmDetach,
  zonecfgDelete,
  zonecfgImport,
  zonecfgSet,
} from '../../solaris';
import type { ColdMoveInput } from '../../contracts/coldMove/input';
import type { ColdMovePlan, PlannedCommand } from '../../contracts/coldMove/plan';
import type { ColdMoveStepId } from '../../contracts/coldMove/steps';
import { showCommand } from '../commandRunner';
import { OWNER_PROPERTY } from '../datasetFacts';


/**
 * The exact commands each mutating step would run, built with the same builders the activities
 * use, for `zmig plan`. Snapshot names use the migration's real prefix; the converge round stands for each of its rounds (up to `maxRounds`). Steps are the step table's ids.
 */
export async function planCommands(
  pool: HostPool,
  a: { input: ColdMoveInput; plan: ColdMovePlan; migrationId: string; snapPrefix: string },
): Promise<PlannedCommand[]> {
  const { input, plan } = a;
  const src = pool.get(input.source);
  const dst = pool.get(input.target);
  const out: PlannedCommand[] = [];
  const add = (step: ColdMoveStepId, host: string, argv: readonly string[], stdinFrom?: string) =>
    out.push({ step, host, command: stdinFrom ? `${showCommand(argv)} < ${stdinFrom}` : showCommand(argv) });
  const snap = (n: number) => `${a.snapPrefix}${n}`;
  const sendRecv = (step: ColdMoveStepId, from: string | undefined, to: string) => {
    for (const d of plan.datasets) {
      add(step, input.source, zfsSnapshot(`${d.source}@${to}`, { recursive: true }));
      const send = zfsSend(src.dialect, { snapshot: `${d.source}@${to}`, fromSnap: from, recursive: true });
      const recv = zfsReceive(dst.dialect, { parent: d.targetParent, noMount: true, setProps: { [OWNER_PROPERTY]: a.migrationId } });
      out.push({ step, host: `${input.source} → ${input.target}`, command: `${showCommand(send)} | ${showCommand(recv)}` });
    }
  };

  add('configure', input.target, zonecfgImport(input.zone), 'the zmig marker, then the source zonecfg export (read back and compared)');
  sendRecv('pre-seed', undefined, snap(1));
  sendRecv('converge', snap(1), snap(2));
  if (plan.sourceState === 'running') add('shutdown', input.source, zloginInit(input.zone, 5));
  sendRecv('final-sync', snap(2), snap(3));
  add('detach-source', input.source, zoneadmDetach(input.zone, {}));
  const zonepathDs = plan.datasets.find((d) => d.role === 'zonepath')!.target;
  add('attach-target', input.target, zfsSet(zonepathDs, 'mountpoint', plan.zonepath));
  add('attach-target', input.target, zfsMount(zonepathDs));
  const zbe = `${zbeRoot(zonepathDs, dst.dialect)}/${plan.zbe}`;
  if (attachesMountedRoot(plan.brand)) {
    add('attach-target', input.target, zfsSet(zbe, 'mountpoint', `${plan.zonepath}/root`));
    add('attach-target', input.target, zfsMount(zbe));
    add('attach-target', input.target, zoneadmAttach(input.zone, { update: input.attachUpdate }));
  } else {
    add('attach-target', input.target, zfsSet(zbe, ZBE_PARENT_PROP, plan.targetBeUuid));
    add('attach-target', input.target, zoneadmAttach(input.zone, { update: input.attachUpdate, zbe: plan.zbe }));
  }
  add('boot-target', input.target, zoneadmBoot(input.zone));
  if (input.sourcePolicy === 'autoboot-off') add('finalize', input.source, zonecfgSet(input.zone, 'autoboot', 'false'));
  if (input.sourcePolicy === 'uninstall') {
    add('finalize', input.source, zonecfgDelete(input.zone));
    for (const d of plan.datasets) add('finalize', input.source, zfsDestroy(d.source, { recursive: true }));
  }
  // Every round's snapshot, on both hosts (the source's went with its datasets when uninstalled).
  for (const n of [1, 2, 3]) for (const d of plan.datasets) add('finalize', input.target, zfsDestroy(`${d.target}@${snap(n)}`, { recursive: true }));
  if (input.sourcePolicy !== 'uninstall') for (const n of [1, 2, 3]) for (const d of plan.datasets) add('finalize', input.source, zfsDestroy(`${d.source}@${snap(n)}`, { recursive: true }));
  return out;
}
