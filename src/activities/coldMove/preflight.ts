import type { HostPool } from '../../hosts/host';
import {
  beadmList,
  datasetResources,
  dladmShowVnic,
  fixBootargsQuoting,
  parseBeadmList,
  parseZfsList,
  parseZonecfgExport,
  renderZonecfgExport,
  vnicNames,
  zfsList,
  zoneadmAttach,
  zoneadmDetach,
  zonecfgExport,
} from '../../solaris';
import type { ColdMoveInput } from '../../workflows/coldMoveInput';
import { run, runChecked, showCommand } from '../commandRunner';
import { datasetExists, readProperties, usedBytes } from '../datasetFacts';
import { preconditionFailed } from '../failures';
import { readZone } from '../zoneFacts';
import { parentOf, targetNameFor, type ColdMovePlan, type PlannedDataset } from './plan';

/** Room to leave on the target beyond the data itself (metadata, writes during the move). */
const SPACE_MARGIN = 1.1;

/**
 * Read-only checks of seed 002's phase 1, all of them, so the operator sees every problem at once:
 * zone and brand, datasets, target free of the zone, parents with room, VNICs, and the
 * `detach -n` manifest accepted by `attach -n` on the target.
 */
export async function preflightColdMove(pool: HostPool, input: ColdMoveInput): Promise<ColdMovePlan> {
  const source = pool.get(input.source);
  const target = pool.get(input.target);
  const problems: string[] = [];
  const checks: string[] = [];

  const zone = await readZone(source, input.zone);
  if (!zone) throw preconditionFailed(`zone ${input.zone} is not configured on ${input.source}`);
  if (zone.brand === 'solaris-kz') {
    throw preconditionFailed(`zone ${input.zone} is a kernel zone (brand solaris-kz): use kzWarmMigrate, not coldMove`);
  }
  if (zone.state !== 'running' && zone.state !== 'installed') {
    throw preconditionFailed(`zone ${input.zone} on ${input.source} is ${zone.state}; coldMove needs it running or installed`);
  }
  checks.push(`zone ${zone.name} on ${input.source}: brand ${zone.brand}, ${zone.state}`);

  const exported = await runChecked(source, zonecfgExport(input.zone));
  const cfg = parseZonecfgExport(fixBootargsQuoting(exported.stdout));
  cfg.resources = cfg.resources.filter((r) => !(r.type === 'attr' && r.props['name'] === 'zmig-migration'));
  const config = renderZonecfgExport(cfg);

  const zonepathDataset = await datasetMountedAt(pool, input.source, zone.zonepath);
  if (!zonepathDataset) throw preconditionFailed(`no dataset on ${input.source} is mounted at zonepath ${zone.zonepath}`);
  const datasets: PlannedDataset[] = [await plannedDataset(zonepathDataset, 'zonepath')];
  for (const delegated of datasetResources(cfg)) {
    if (delegated === zonepathDataset || delegated.startsWith(`${zonepathDataset}/`)) continue;
    if (!(await datasetExists(source, delegated))) {
      problems.push(`delegated dataset ${delegated} does not exist on ${input.source}`);
      continue;
    }
    datasets.push(await plannedDataset(delegated, 'delegated'));
  }
  checks.push(`datasets: ${datasets.map((d) => `${d.source} → ${d.target}`).join(', ')}`);

  const onTarget = await readZone(target, input.zone);
  if (onTarget) problems.push(`${input.target} already has a zone named ${input.zone} (${onTarget.state})`);

  const needByParent = new Map<string, number>();
  for (const d of datasets) needByParent.set(d.targetParent, (needByParent.get(d.targetParent) ?? 0) + d.usedBytes);
  for (const [parent, need] of needByParent) {
    if (!(await datasetExists(target, parent))) {
      problems.push(`target parent dataset ${parent} does not exist on ${input.target}`);
      continue;
    }
    const avail = Number((await readProperties(target, parent, ['available']))['available']?.value ?? 0);
    if (avail < need * SPACE_MARGIN) problems.push(`${parent} on ${input.target} has ${avail} bytes free, needs ${Math.ceil(need * SPACE_MARGIN)}`);
  }
  for (const d of datasets) {
    if (await datasetExists(target, d.target)) problems.push(`${d.target} already exists on ${input.target}`);
  }

  const vnics = vnicNames(cfg);
  for (const vnic of vnics) {
    const res = await run(target, dladmShowVnic([vnic]));
    if (res.code !== 0) problems.push(`VNIC ${vnic} missing on ${input.target}: ${res.stderr.trim()}`);
  }
  if (vnics.length) checks.push(`VNICs present on ${input.target}: ${vnics.join(', ')}`);

  const manifest = await runChecked(source, zoneadmDetach(input.zone, { dryRun: true }));
  const attachCheck = zoneadmAttach(input.zone, { manifestFromStdin: true, update: input.attachUpdate });
  const dry = await run(target, attachCheck, { stdin: manifest.stdout });
  if (dry.code !== 0) {
    problems.push(`\`${showCommand(attachCheck)}\` on ${input.target} refused the source's detach manifest: ${(dry.stderr || dry.stdout).trim()}`);
  } else checks.push(`${input.target} accepts the detach -n manifest (attach -n)`);

  const bes = parseBeadmList((await runChecked(target, beadmList())).stdout);
  const activeBe = bes.find((b) => b.active);
  if (!activeBe) problems.push(`${input.target} reports no active boot environment in \`beadm list -H\``);

  if (problems.length) throw preconditionFailed(`coldMove of ${input.zone} from ${input.source} to ${input.target} is not possible`, problems);
  return {
    zone: input.zone,
    brand: zone.brand,
    sourceState: zone.state as 'running' | 'installed',
    zonepath: zone.zonepath,
    datasets,
    vnics,
    config,
    targetBeUuid: activeBe!.uuid,
    totalBytes: datasets.reduce((n, d) => n + d.usedBytes, 0),
    checks,
  };

  async function plannedDataset(ds: string, role: PlannedDataset['role']): Promise<PlannedDataset> {
    const targetParent = parentOf(ds);
    return { source: ds, targetParent, target: targetNameFor(ds, targetParent), usedBytes: await usedBytes(source, ds), role };
  }
}

async function datasetMountedAt(pool: HostPool, host: string, mountpoint: string): Promise<string | undefined> {
  const res = await runChecked(pool.get(host), zfsList({ props: ['name', 'mountpoint'], type: 'filesystem', datasets: [] }));
  return parseZfsList(res.stdout, ['name', 'mountpoint']).find((r) => r['mountpoint'] === mountpoint)?.['name'];
}
