import type { Host, HostPool } from '../../hosts/host';
import {
  beadmList,
  datasetResources,
  bootLinks,
  sharedIpInterfaces,
  dladmShowLink,
  fixBootargsQuoting,
  parseBeadmList,
  parseExactBytes,
  parseZfsList,
  parseUnameVersion,
  parseZonecfgExport,
  releaseMismatch,
  targetIsNewer,
  renderZonecfgExport,
  unameVersion,
  zfsList,
  activeZoneBootEnvironment,
  zbeRoot,
  ZBE_ACTIVE_PROP,
  ZBE_PARENT_PROP,
  zoneadmAttachDryRun,
  zoneadmDetach,
  zoneBootEnvironments,
  zonecfgExport,
  ParseError,
  datasetNameSchema,
  vnicNameSchema,
  type BootEnvironment,
  type OsRelease,
} from '../../solaris';
import type { ColdMoveInput } from '../../contracts/coldMove/input';
import { run, runChecked, showCommand } from '../commandRunner';
import { datasetExists, readProperties, readPropertyTree, usedBytes } from '../zfs/datasetFacts';
import { preconditionFailed } from '../failures';
import { readZone } from '../zones/zoneFacts';
import type { ColdMovePlan, PlannedDataset } from '../../contracts/coldMove/plan';
import { parentOf, targetNameFor } from './datasetNames';

/** Room to leave on the target beyond the data itself (metadata, writes during the move). */
const SPACE_MARGIN = 1.1;

/**
 * Read-only checks of the cold-move write-up's first phase (docs/procedures.md#coldmove), all of them, so the operator sees every problem at once:
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
  if (zone.brand === 'solaris10') {
    // Its attach takes no -z (solaris10 brand attach.ksh getopts "a:c:d:nr:"): no way to name the zone BE.
    throw preconditionFailed(`zone ${input.zone} is a solaris10-brand zone; coldMove moves solaris-brand zones only`);
  }
  if (zone.state !== 'running' && zone.state !== 'installed') {
    throw preconditionFailed(
      `zone ${input.zone} on ${input.source} is ${zone.state}; coldMove needs it running or installed`,
    );
  }
  checks.push(`zone ${zone.name} on ${input.source}: brand ${zone.brand}, ${zone.state}`);

  const sourceRelease = await osRelease(source, problems);
  const targetRelease = await osRelease(target, problems);
  if (sourceRelease && targetRelease) {
    const mismatch = releaseMismatch(sourceRelease, targetRelease);
    if (mismatch) problems.push(mismatch);
    else if (targetIsNewer(sourceRelease, targetRelease) && !input.attachUpdate) {
      // Oracle, "Zone Migration and Package Updates": a zone older than its new global zone attaches only with -u.
      problems.push(
        `the target runs ${targetRelease.text}, newer than the source's ${sourceRelease.text}: the zone's packages must be updated on attach; start it with --attach-update`,
      );
    } else checks.push(`releases: ${input.source} ${sourceRelease.text}, ${input.target} ${targetRelease.text}`);
  }

  const exported = await runChecked(source, zonecfgExport(input.zone));
  const cfg = parseZonecfgExport(fixBootargsQuoting(exported.stdout));
  cfg.resources = cfg.resources.filter((r) => !(r.type === 'attr' && r.props['name'] === 'zmig-migration'));
  const config = renderZonecfgExport(cfg);

  const zonepathDataset = await datasetMountedAt(source, zone.zonepath);
  if (!zonepathDataset.includes('/')) {
    throw preconditionFailed(
      `zonepath ${zone.zonepath} is the root dataset of pool ${zonepathDataset}: coldMove cannot move a whole pool`,
    );
  }
  const datasets: PlannedDataset[] = [await plannedDataset(zonepathDataset, 'zonepath')];
  for (const delegated of datasetResources(cfg)) {
    if (!datasetNameSchema.safeParse(delegated).success) {
      problems.push(`delegated dataset ${JSON.stringify(delegated)} in the zone configuration is not a dataset name`);
      continue;
    }
    if (!delegated.includes('/')) {
      problems.push(
        `delegated dataset ${delegated} is the root dataset of a pool: coldMove cannot move a whole pool; delegate a dataset below it`,
      );
      continue;
    }
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
    const avail = parseExactBytes(
      (await readProperties(target, parent, ['available']))['available']?.value ?? '',
      `zfs get -p available ${parent}`,
    );
    if (avail < need * SPACE_MARGIN)
      problems.push(`${parent} on ${input.target} has ${avail} bytes free, needs ${Math.ceil(need * SPACE_MARGIN)}`);
  }
  for (const d of datasets) {
    if (await datasetExists(target, d.target)) problems.push(`${d.target} already exists on ${input.target}`);
  }

  const links = bootLinks(cfg).filter(({ link, usedBy }) => {
    if (vnicNameSchema.safeParse(link).success) return true;
    problems.push(`datalink ${JSON.stringify(link)} (${usedBy}) in the zone configuration is not a link name`);
    return false;
  });
  for (const { link, usedBy } of links) {
    const res = await run(target, dladmShowLink(link));
    if (res.code !== 0)
      problems.push(
        `datalink ${link} (${usedBy}) missing on ${input.target}, the zone could not boot there: ${res.stderr.trim()}`,
      );
  }
  if (links.length) checks.push(`datalinks present on ${input.target}: ${links.map((l) => l.link).join(', ')}`);
  // A shared-IP zone boots even without its interface, only without its address: warn, do not refuse.
  for (const { physical, address } of sharedIpInterfaces(cfg).filter(
    ({ physical }) => vnicNameSchema.safeParse(physical).success,
  )) {
    const res = await run(target, dladmShowLink(physical));
    checks.push(
      res.code === 0
        ? `shared-IP interface ${physical} present on ${input.target}`
        : `WARNING: shared-IP interface ${physical} not found on ${input.target}: the zone would boot without its address ${address} (${res.stderr.trim()})`,
    );
  }

  // The brands' attach -n checks the manifest, the brand and the target's global BE, not packages.
  const manifest = await runChecked(source, zoneadmDetach(input.zone, { dryRun: true }));
  const attachCheck = zoneadmAttachDryRun();
  const dry = await run(target, attachCheck, { stdin: manifest.stdout });
  if (dry.code !== 0) {
    problems.push(
      `\`${showCommand(attachCheck)}\` on ${input.target} refused the source's detach manifest: ${(dry.stderr || dry.stdout).trim()}`,
    );
  } else
    checks.push(
      `${input.target} accepts the zone's detach -n manifest (attach -n: manifest and brand; no package check exists)`,
    );

  const sourceBe = await globalBootEnvironment(source, input.source, problems);
  const targetBe = await globalBootEnvironment(target, input.target, problems);
  const zbe = sourceBe ? await activeZbe(source, zonepathDataset, sourceBe, problems, checks) : undefined;

  if (problems.length)
    throw preconditionFailed(
      `coldMove of ${input.zone} from ${input.source} to ${input.target} is not possible`,
      problems,
    );
  return {
    zone: input.zone,
    brand: zone.brand,
    sourceState: zone.state as 'running' | 'installed',
    zonepath: zone.zonepath,
    datasets,
    bootLinks: links.map((l) => l.link),
    config,
    zbe: zbe!,
    targetBeUuid: targetBe!.uuid,
    totalBytes: datasets.reduce((n, d) => n + d.usedBytes, 0),
    checks,
  };

  async function plannedDataset(ds: string, role: PlannedDataset['role']): Promise<PlannedDataset> {
    const targetParent = parentOf(ds);
    return {
      source: ds,
      targetParent,
      target: targetNameFor(ds, targetParent),
      usedBytes: await usedBytes(source, ds),
      role,
    };
  }
}

/** `uname -v` read as a release zmig knows; another OS (Tribblix, OpenIndiana) is a problem that names it. */
async function osRelease(host: Host, problems: string[]): Promise<OsRelease | undefined> {
  const version = (await runChecked(host, unameVersion())).stdout.trim();
  try {
    return parseUnameVersion(version);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    problems.push(
      `${host.name} runs ${JSON.stringify(version)} (uname -v): coldMove knows Solaris 11 and OmniOS releases only`,
    );
    return undefined;
  }
}

/** The host's running global boot environment, which must have a UUID: zone BEs name it as their parent. */
async function globalBootEnvironment(
  host: Host,
  name: string,
  problems: string[],
): Promise<BootEnvironment | undefined> {
  const running = parseBeadmList((await runChecked(host, beadmList())).stdout).find((b) => b.active);
  if (!running) problems.push(`${name} reports no running boot environment (flag N) in \`beadm list -H\``);
  else if (running.uuid === '') {
    problems.push(
      `${name}'s boot environment ${running.name} has no UUID in \`beadm list -H\`; zone boot environments cannot be tied to it`,
    );
  } else return running;
  return undefined;
}

/**
 * The zone BE the zone runs: the one tied to the source's running global BE and marked active.
 * Only that one is re-parented and attached on the target; zero or several is refused here.
 */
async function activeZbe(
  host: Host,
  zonepathDataset: string,
  globalBe: BootEnvironment,
  problems: string[],
  checks: string[],
): Promise<string | undefined> {
  const root = zbeRoot(zonepathDataset, host.dialect);
  if (!(await datasetExists(host, root))) {
    problems.push(`${root} does not exist on ${host.name}: no zone boot environments to move`);
    return undefined;
  }
  const rows = await readPropertyTree(host, root, `${ZBE_PARENT_PROP},${ZBE_ACTIVE_PROP}`);
  const zbes = zoneBootEnvironments(root, rows);
  const active = activeZoneBootEnvironment(zbes, globalBe.uuid);
  const listed = zbes
    .map((z) => `${z.name} (parentbe ${z.parentbe || 'none'}, active ${z.active ? 'on' : 'off'})`)
    .join(', ');
  if (active.length !== 1) {
    problems.push(
      `${active.length === 0 ? 'no' : 'more than one'} zone boot environment under ${root} is active for ${host.name}'s boot environment ${globalBe.name} (${globalBe.uuid}): ${listed || 'none at all'}`,
    );
    return undefined;
  }
  const others = zbes.filter((z) => z !== active[0]).map((z) => z.name);
  checks.push(
    `zone boot environment ${active[0]!.name} is attached on the target${others.length ? `; ${others.join(', ')} stay behind as orphans there` : ''}`,
  );
  return active[0]!.name;
}

const MOUNT_PROPS = ['name', 'mountpoint', 'mounted', 'zoned'];

/**
 * The dataset mounted at the zonepath, as the brand scripts resolve it (`zfs list <zonepath>` with
 * the path as operand: the filesystem holding the path). Another dataset that merely has the
 * zonepath as its mountpoint (a stale received copy, another zone's zoned dataset) is never taken:
 * anything but a mounted, unzoned dataset whose mountpoint is the zonepath is refused, naming the
 * datasets found there.
 */
async function datasetMountedAt(host: Host, zonepath: string): Promise<string> {
  const argv = zfsList({ props: MOUNT_PROPS, datasets: [zonepath] });
  const res = await run(host, argv);
  if (res.code !== 0)
    throw preconditionFailed(
      `zonepath ${zonepath} on ${host.name} is not on ZFS: \`${showCommand(argv)}\` said ${res.stderr.trim()}`,
    );
  const rows = parseZfsList(res.stdout, MOUNT_PROPS);
  const [row] = rows;
  if (rows.length !== 1 || row === undefined)
    throw new ParseError('zfs list', res.stdout, 'expected one row for the zonepath');
  const name = datasetNameSchema.safeParse(row['name']);
  if (!name.success) throw new ParseError('zfs list', res.stdout, `not a dataset name: ${JSON.stringify(row['name'])}`);
  if (row['mountpoint'] === zonepath && row['mounted'] === 'yes' && row['zoned'] === 'off') return name.data;
  const all = await runChecked(host, zfsList({ props: MOUNT_PROPS, type: 'filesystem', datasets: [] }));
  const candidates = parseZfsList(all.stdout, MOUNT_PROPS)
    .filter((r) => r['mountpoint'] === zonepath)
    .map(
      (r) =>
        `${r['name'] ?? ''} (${r['mounted'] === 'yes' ? 'mounted' : 'not mounted'}${r['zoned'] === 'on' ? ', zoned' : ''})`,
    );
  const holder = `${name.data} (mounted at ${row['mountpoint'] ?? ''}${row['zoned'] === 'on' ? ', zoned' : ''})`;
  throw preconditionFailed(
    `no dataset is mounted at zonepath ${zonepath} on ${host.name}: the path lies in ${holder}; datasets with that mountpoint: ${candidates.join(', ') || 'none'}`,
  );
}
