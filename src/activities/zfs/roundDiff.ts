/**
 * Which of a migration's round snapshots (`<prefix><n>`, migrationNaming.ts) one dataset can
 * still use, and which it can lose, from the snapshot names on both sides alone (the "diff" of
 * zrepl's replication planner). Pure: the same names always give the same answer, so a retried
 * step decides what an interrupted one would have.
 */

export interface RoundSides {
  /** The migration's snapshot prefix; only names of `<prefix><decimal n>` are ours. */
  prefix: string;
  /** Snapshot short names (after `@`) of the source dataset. */
  source: readonly string[];
  /** Snapshot short names of the target dataset (or of any dataset of its tree). */
  target: readonly string[];
  /**
   * Target snapshots that only part of the tree received (an interrupted recursive receive keeps
   * the datasets it finished): present, but no base for the next incremental.
   */
  partialOnTarget?: readonly string[];
}

export interface BySide {
  source: string[];
  target: string[];
}

export interface RoundDiff {
  /** The newest round complete on both sides: the next incremental's base. */
  latestCommon: number | undefined;
  /** Above every round of ours on either side, so a new round never meets a leftover of the same name. */
  nextRound: number;
  /** Our snapshots older than the latest common round: superseded, nothing depends on them. */
  prunable: BySide;
  /** Our snapshots newer than the latest common round: a round that never completed on the target. */
  unfinished: BySide;
}

/** The round number of one of our snapshot names, or undefined for anyone else's. */
export function roundOf(prefix: string, name: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const n = name.slice(prefix.length);
  // Canonical decimals only: `<prefix>01` or `<prefix>2-manual` were not made by a migration.
  return /^(0|[1-9]\d*)$/.test(n) ? Number(n) : undefined;
}

export function diffRounds({ prefix, source, target, partialOnTarget = [] }: RoundSides): RoundDiff {
  const ours = (names: readonly string[]) =>
    names.flatMap((name) => {
      const round = roundOf(prefix, name);
      return round === undefined ? [] : [{ name, round }];
    });
  const src = ours(source);
  const tgt = ours(target);
  const completeOnTarget = new Set(tgt.filter((s) => !partialOnTarget.includes(s.name)).map((s) => s.round));
  const common = src.map((s) => s.round).filter((r) => completeOnTarget.has(r));
  const latestCommon = common.length ? Math.max(...common) : undefined;
  const nextRound = Math.max(0, ...src.map((s) => s.round), ...tgt.map((s) => s.round)) + 1;
  // Without a common round nothing is superseded or unfinished: what exists is the pre-seed's, the undo's business.
  const pick = (keep: (round: number) => boolean) => (side: { name: string; round: number }[]) =>
    latestCommon === undefined ? [] : side.filter((s) => keep(s.round)).map((s) => s.name);
  const older = pick((r) => r < latestCommon!);
  const newer = pick((r) => r > latestCommon!);
  return {
    latestCommon,
    nextRound,
    prunable: { source: older(src), target: older(tgt) },
    unfinished: { source: newer(src), target: newer(tgt) },
  };
}
