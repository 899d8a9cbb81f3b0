import type { Lab } from '../../src/sim/lab';

/**
 * Both hosts' whole state, for "ends exactly as it started" assertions. A running zone's numeric
 * id is the kernel's, handed out afresh at every boot, so an undo that re-boots a zone cannot
 * (and need not) restore it: it is left out.
 */
export function labState(lab: Lab): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(lab.hosts).map(([name, host]) => {
      const state = host.snapshotState() as { zones?: { id?: number }[] };
      const zones = state.zones?.map(({ id: _id, ...zone }) => zone);
      return [name, { ...state, zones }];
    }),
  );
}

/** Command lines that change a host; `detach -n`, `attach -n` and `receive -n` are dry runs. */
export const MUTATING =
  /zfs (snapshot|destroy|set|inherit|receive(?! -n)|rollback|create|mount)|zonecfg -z \S+ (-f|set|delete|remove|add)|zoneadm -z \S+ (attach|detach|boot|halt|shutdown|uninstall|suspend)(?! -n)|zlogin \S+ '?init|stmfadm (create-lu|delete-lu|import-lu|add-view|remove-view)/;
