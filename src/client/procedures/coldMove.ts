import { approveCutoverUpdate } from '../../contracts/coldMove/messages';
import { zoneMoveIdentity } from '../../contracts/identity';
import { coldMoveInputSchema, type ColdMoveInput } from '../../contracts/coldMove/input';
import type { ColdMovePlanResult } from '../../contracts/coldMove/plan';
import { coldMoveDetailLines, type ColdMoveDetail, type ColdMoveResult } from '../../contracts/coldMove/result';
import { COLD_MOVE_STEPS } from '../../contracts/coldMove/steps';
import { planWorkflowId, zoneWorkflowId } from '../../contracts/workflowIds';
import { formatBytes } from '../../solaris/units';
import { formatSeconds } from '../render/formatting';
import { plannedCommandLines } from '../render/plannedCommands';
import { HOST_FLAGS } from './hostFlags';
import type { ProcedureDescriptor } from './procedure';

export const coldMoveProcedure: ProcedureDescriptor<ColdMoveInput, ColdMoveResult, ColdMovePlanResult, ColdMoveDetail> =
  {
    command: 'cold-move',
    description: 'move a native zone to another host (snapshot pre-seeding)',
    workflowType: 'coldMove',
    steps: COLD_MOVE_STEPS,
    identity: (input) => zoneMoveIdentity('coldMove', input),
    approval: approveCutoverUpdate,
    planWorkflowType: 'planColdMove',
    schema: coldMoveInputSchema,
    argument: { name: 'zone', path: 'zone', description: 'zone to move' },
    flags: [
      ...HOST_FLAGS,
      {
        flag: '--transport <mode>',
        path: 'transport',
        kind: 'string',
        description: 'relay (through the worker) or direct (source ssh-es to target)',
      },
      {
        flag: '--converge-threshold <size>',
        path: 'converge.thresholdBytes',
        kind: 'size',
        description: 'stop incremental rounds below this delta (e.g. 64M)',
      },
      {
        flag: '--max-rounds <n>',
        path: 'converge.maxRounds',
        kind: 'int',
        description: 'most incremental rounds before cutover',
      },
      {
        flag: '--approve-cutover',
        path: 'cutover.requireApproval',
        kind: 'bool',
        description: 'wait for `zmig approve` before shutting the source down',
      },
      {
        flag: '--cutover-deadline <seconds>',
        path: 'cutover.deadlineSeconds',
        kind: 'int',
        description: 'how long to wait for approval',
      },
      {
        flag: '--on-deadline <action>',
        path: 'cutover.onDeadline',
        kind: 'string',
        description: 'without approval by the deadline',
      },
      {
        flag: '--shutdown-timeout <seconds>',
        path: 'shutdown.timeoutSeconds',
        kind: 'int',
        description: 'graceful shutdown timeout',
      },
      {
        flag: '--halt-fallback',
        path: 'shutdown.haltFallback',
        kind: 'bool',
        description: 'zoneadm halt when the graceful shutdown times out',
      },
      { flag: '--attach-update', path: 'attachUpdate', kind: 'bool', description: 'zoneadm attach -u on the target' },
      {
        flag: '--milestone <fmri>',
        path: 'milestone',
        kind: 'string',
        description: 'SMF milestone to wait for in the booted zone ("" for none)',
      },
      {
        flag: '--source-policy <policy>',
        path: 'sourcePolicy',
        kind: 'string',
        description: 'what to do with the source after success',
      },
    ],
    hosts: (input) => [input.source, input.target],
    resource: (input) => `zone ${input.zone} on ${input.source}`,
    workflowId: (input) => zoneWorkflowId(input.source, input.zone),
    planWorkflowId: (input, suffix) => planWorkflowId(input.source, input.zone, suffix),
    summary: (input) => `coldMove ${input.zone}: ${input.source} → ${input.target}`,
    details: (input) => {
      const gate = input.cutover.requireApproval
        ? `waits for \`zmig approve\` (then ${input.cutover.onDeadline} after ${input.cutover.deadlineSeconds} s)`
        : 'proceeds without approval';
      return [
        `- transport: ${input.transport}`,
        `- pre-seed: up to ${input.converge.maxRounds} incremental rounds, until one moves less than ${formatBytes(input.converge.thresholdBytes)}`,
        `- cutover: ${gate}`,
        `- shutdown: graceful, ${input.shutdown.timeoutSeconds} s${input.shutdown.haltFallback ? ', then halt' : ''}`,
        `- attach: ${input.attachUpdate ? 'with -u (update packages)' : 'without update'}`,
        `- source afterwards: ${input.sourcePolicy}`,
      ].join('\n');
    },
    detailLines: coldMoveDetailLines,
    resultLines: (result) => [
      `measured downtime: ${formatSeconds(result.downtimeMs)}`,
      ...result.warnings.map((w) => `warning: ${w}`),
    ],
    planLines: (input, { plan, commands }) => [
      `coldMove ${input.zone}: ${input.source} → ${input.target} — preflight passed`,
      ...plan.checks.map((c) => `  ✔ ${c}`),
      ...plannedCommandLines(COLD_MOVE_STEPS, commands),
    ],
  };
