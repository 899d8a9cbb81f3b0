import { Command, Option } from 'commander';
import { parseSize } from '../solaris';
import { coldMoveInputSchema, type ColdMoveInput } from '../workflows/coldMoveInput';
import { UsageError } from './usageError';

/** The flags of `zmig cold-move` and `zmig plan cold-move`. */
export function addColdMoveOptions(cmd: Command): Command {
  return cmd
    .argument('<zone>', 'zone to move')
    .requiredOption('--from <host>', 'source host (inventory name)')
    .requiredOption('--to <host>', 'target host (inventory name)')
    .addOption(new Option('--transport <mode>', 'relay (through the worker) or direct (source ssh-es to target)').choices(['relay', 'direct']).default('relay'))
    .option('--converge-threshold <size>', 'stop incremental rounds below this delta (e.g. 64M)', '64M')
    .option('--max-rounds <n>', 'most incremental rounds before cutover', '5')
    .option('--approve-cutover', 'wait for `zmig approve` before shutting the source down')
    .option('--cutover-deadline <seconds>', 'how long to wait for approval', '3600')
    .addOption(new Option('--on-deadline <action>', 'without approval by the deadline').choices(['abort', 'proceed']).default('abort'))
    .option('--shutdown-timeout <seconds>', 'graceful shutdown timeout', '300')
    .option('--halt-fallback', 'zoneadm halt when the graceful shutdown times out')
    .option('--attach-update', 'zoneadm attach -u on the target')
    .option('--milestone <fmri>', 'SMF milestone to wait for in the booted zone ("" for none)', 'svc:/milestone/multi-user:default')
    .addOption(new Option('--source-policy <policy>', 'what to do with the source after success').choices(['keep-detached', 'autoboot-off', 'uninstall']).default('autoboot-off'))
    .option('--inventory <file>', 'inventory to check host names against (default $ZMIG_INVENTORY or ./inventory.yml)');
}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag}: "${value}" is not a whole number`);
  return Number(value);
}

/** Flags → validated workflow input; the first problem becomes one line and exit code 2. */
export function coldMoveInputFromFlags(zone: string, o: Record<string, unknown>): ColdMoveInput {
  let threshold: number;
  try {
    threshold = parseSize(String(o['convergeThreshold']));
  } catch {
    throw new UsageError(`--converge-threshold: "${String(o['convergeThreshold'])}" is not a size (like 512K, 64M, 2G)`);
  }
  const parsed = coldMoveInputSchema.safeParse({
    zone,
    source: o['from'],
    target: o['to'],
    transport: o['transport'],
    converge: { thresholdBytes: threshold, maxRounds: integer('max-rounds', String(o['maxRounds'])) },
    cutover: {
      requireApproval: Boolean(o['approveCutover']),
      deadlineSeconds: integer('cutover-deadline', String(o['cutoverDeadline'])),
      onDeadline: o['onDeadline'],
    },
    shutdown: { timeoutSeconds: integer('shutdown-timeout', String(o['shutdownTimeout'])), haltFallback: Boolean(o['haltFallback']) },
    attachUpdate: Boolean(o['attachUpdate']),
    milestone: o['milestone'],
    sourcePolicy: o['sourcePolicy'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = flagName(issue.path.map(String));
    throw new UsageError(`${field}: ${issue.message}`);
  }
  return parsed.data;
}

const FLAG_OF: Record<string, string> = {
  zone: 'zone name',
  source: '--from',
  target: '--to',
  'converge.maxRounds': '--max-rounds',
  'converge.thresholdBytes': '--converge-threshold',
  'cutover.deadlineSeconds': '--cutover-deadline',
  'cutover.onDeadline': '--on-deadline',
  'shutdown.timeoutSeconds': '--shutdown-timeout',
  milestone: '--milestone',
};

function flagName(path: string[]): string {
  return FLAG_OF[path.join('.')] ?? path.join('.');
}
