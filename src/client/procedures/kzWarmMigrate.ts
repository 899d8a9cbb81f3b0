import { zoneMoveIdentity } from '../../contracts/identity';
import { kzWarmMigrateInputSchema, type KzWarmMigrateInput } from '../../contracts/kzWarmMigrate/input';
import type { KzWarmMigratePlanResult } from '../../contracts/kzWarmMigrate/plan';
import {
  kzWarmMigrateDetailLines,
  type KzWarmMigrateDetail,
  type KzWarmMigrateResult,
} from '../../contracts/kzWarmMigrate/result';
import { KZ_WARM_MIGRATE_STEPS } from '../../contracts/kzWarmMigrate/steps';
import { planWorkflowId, zoneWorkflowId } from '../../contracts/workflowIds';
import { formatSeconds } from '../render/formatting';
import { plannedCommandLines } from '../render/plannedCommands';
import { HOST_FLAGS } from './hostFlags';
import type { ProcedureDescriptor } from './procedure';

export const kzWarmMigrateProcedure: ProcedureDescriptor<
  KzWarmMigrateInput,
  KzWarmMigrateResult,
  KzWarmMigratePlanResult,
  KzWarmMigrateDetail
> = {
  command: 'kz-warm-migrate',
  description: 'move a Kernel Zone on shared storage to another host (suspend, then resume there)',
  workflowType: 'kzWarmMigrate',
  steps: KZ_WARM_MIGRATE_STEPS,
  identity: (input) => zoneMoveIdentity('kzWarmMigrate', input),
  planWorkflowType: 'planKzWarmMigrate',
  schema: kzWarmMigrateInputSchema,
  argument: { name: 'zone', path: 'zone', description: 'kernel zone to move' },
  flags: [
    ...HOST_FLAGS,
    {
      flag: '--suspend-timeout <seconds>',
      path: 'suspendTimeoutSeconds',
      kind: 'int',
      description: 'longest wait for zoneadm suspend to write the memory image',
    },
    {
      flag: '--boot-timeout <seconds>',
      path: 'bootTimeoutSeconds',
      kind: 'int',
      description: 'longest wait for the resumed zone (and again for the milestone)',
    },
    {
      flag: '--milestone <fmri>',
      path: 'milestone',
      kind: 'string',
      description: 'SMF milestone to wait for in the resumed zone ("" for none)',
    },
    {
      flag: '--source-policy <policy>',
      path: 'sourcePolicy',
      kind: 'string',
      description: 'what to do with the source configuration after success',
    },
  ],
  hosts: (input) => [input.source, input.target],
  resource: (input) => `zone ${input.zone} on ${input.source}`,
  workflowId: (input) => zoneWorkflowId(input.source, input.zone),
  planWorkflowId: (input, suffix) => planWorkflowId(input.source, input.zone, suffix),
  summary: (input) => `kzWarmMigrate ${input.zone}: ${input.source} → ${input.target}`,
  details: (input) =>
    [
      `- suspend on ${input.source} (up to ${input.suspendTimeoutSeconds} s), resume on ${input.target}`,
      `- verify: running${input.milestone ? ` and ${input.milestone} online` : ''}, within ${input.bootTimeoutSeconds} s`,
      `- source afterwards: ${input.sourcePolicy}`,
    ].join('\n'),
  detailLines: kzWarmMigrateDetailLines,
  resultLines: (result) => [
    `measured downtime: ${formatSeconds(result.downtimeMs)}${result.suspendedBeforeRun ? ' (since the run began: the zone was suspended before it)' : ''}`,
    ...result.warnings.map((w) => `warning: ${w}`),
  ],
  planLines: (input, { plan, commands }) => [
    `kzWarmMigrate ${input.zone}: ${input.source} → ${input.target} — preflight passed`,
    ...plan.checks.map((c) => `  ✔ ${c}`),
    ...plannedCommandLines(KZ_WARM_MIGRATE_STEPS, commands),
  ],
};
