import type { Host, HostPool } from '../../hosts/host';
import type { LuRecord, LuView } from '../../contracts/iscsiLuRollback/plan';
import {
  parseStmfadmListLuVerbose,
  parseStmfadmListView,
  stmfadmAddView,
  stmfadmDeleteLu,
  stmfadmImportLu,
  stmfadmListLu,
  stmfadmListView,
} from '../../solaris';
import { run, runChecked, showCommand } from '../commandRunner';
import { commandFailed, preconditionFailed } from '../failures';

/** The raw device `stmfadm create-lu` and `import-lu` take for a zvol (stmfadm(8)). */
export function zvolDevice(zvol: string): string {
  return `/dev/zvol/rdsk/${zvol}`;
}

/** The zvol behind a data file path, or undefined when it is not a zvol. */
function zvolOf(dataFile: string): string | undefined {
  const m = /^\/dev\/zvol\/r?dsk\/(.+)$/.exec(dataFile);
  return m?.[1];
}

/** `stmfadm list-view -l`: "no views found" is an empty list, not a failure. */
async function readViews(host: Host, guid: string): Promise<LuView[]> {
  const res = await run(host, stmfadmListView(guid));
  if (res.code !== 0) {
    if (/no views found/.test(res.stderr)) return [];
    throw commandFailed({
      host: host.name,
      command: showCommand(stmfadmListView(guid)),
      exitCode: res.code,
      stderr: res.stderr,
    });
  }
  return parseStmfadmListView(res.stdout).map((v) => ({
    entry: v.entry,
    hostGroup: v.hostGroup,
    targetGroup: v.targetGroup,
    lun: v.lun,
  }));
}

/**
 * The registered LU named by its GUID or by the zvol behind it, with its views, as `stmfadm list-lu
 * -v` and `list-view -l` show them; undefined when this host's STMF has no such LU.
 */
export async function readLu(host: Host, by: { guid?: string; zvol?: string }): Promise<LuRecord | undefined> {
  const lus = parseStmfadmListLuVerbose((await runChecked(host, stmfadmListLu())).stdout);
  const lu = lus.find((l) =>
    by.guid !== undefined ? l.guid === by.guid.toUpperCase() : zvolOf(l.dataFile ?? '') === by.zvol,
  );
  if (!lu || lu.operationalStatus === 'unregistered') return undefined;
  const zvol = zvolOf(lu.dataFile ?? '');
  if (zvol === undefined)
    throw preconditionFailed(`LU ${lu.guid} on ${host.name} is backed by ${lu.dataFile ?? 'nothing'}, not a zvol`);
  return { guid: lu.guid, zvol, alias: lu.alias ?? '', views: await readViews(host, lu.guid) };
}

/** `stmfadm delete-lu` (never `-k`: the views go with it, and are restored from the record). Gone already: done. */
export async function deleteLu(pool: HostPool, a: { host: string; guid: string }): Promise<'deleted'> {
  const host = pool.get(a.host);
  if (await readLu(host, { guid: a.guid })) await runChecked(host, stmfadmDeleteLu(a.guid));
  return 'deleted';
}

/**
 * `stmfadm import-lu` of the zvol: the LU comes back from the metadata the zvol carries, and must
 * come back with the recorded GUID (initiators and the zone's storage URI name it). Already
 * registered with it: done.
 */
export async function importLu(pool: HostPool, a: { host: string; record: LuRecord }): Promise<string> {
  const host = pool.get(a.host);
  if (await readLu(host, { guid: a.record.guid })) return a.record.guid;
  const res = await runChecked(host, stmfadmImportLu(zvolDevice(a.record.zvol)));
  const imported = /Logical unit imported: ([0-9A-Fa-f]{32})/.exec(res.stdout)?.[1]?.toUpperCase();
  if (imported !== a.record.guid)
    throw preconditionFailed(
      `stmfadm import-lu of ${a.record.zvol} on ${a.host} gave LU ${imported ?? '(none)'}, not ${a.record.guid}: the zvol's LU metadata is not the recorded LU's`,
    );
  return imported;
}

/** Every recorded view again (host group, target group, LUN), those already there left alone. */
export async function restoreViews(pool: HostPool, a: { host: string; record: LuRecord }): Promise<number> {
  const host = pool.get(a.host);
  const now = await readViews(host, a.record.guid);
  const same = (x: LuView, y: LuView) =>
    x.hostGroup === y.hostGroup && x.targetGroup === y.targetGroup && x.lun === y.lun;
  for (const view of a.record.views) {
    if (now.some((v) => same(v, view))) continue;
    await runChecked(
      host,
      stmfadmAddView(a.record.guid, { hostGroup: view.hostGroup, targetGroup: view.targetGroup, lun: view.lun }),
    );
  }
  return a.record.views.length;
}

/** The undo of deleting the LU: import it again, then its views. */
export async function reinstateLu(pool: HostPool, a: { host: string; record: LuRecord }): Promise<string> {
  const guid = await importLu(pool, a);
  await restoreViews(pool, a);
  return guid;
}
