import {
  iscsiLuRollbackIdentity,
  iscsiLuRollbackInputSchema,
  luName,
  type IscsiLuRollbackInput,
} from '../../contracts/iscsiLuRollback/input';
import type { IscsiLuRollbackPlanResult } from '../../contracts/iscsiLuRollback/plan';
import {
  iscsiLuRollbackDetailLines,
  type IscsiLuRollbackDetail,
  type IscsiLuRollbackResult,
} from '../../contracts/iscsiLuRollback/result';
import { ISCSI_LU_ROLLBACK_STEPS } from '../../contracts/iscsiLuRollback/steps';
import { luWorkflowId, planWorkflowId, zoneWorkflowId } from '../../contracts/workflowIds';
import { plannedCommandLines } from '../render/plannedCommands';
import type { ProcedureDescriptor } from './procedure';

const consumerText = (input: IscsiLuRollbackInput) =>
  input.consumer ? `, consumer ${input.consumer.zone} on ${input.consumer.host}` : '';

export const iscsiLuRollbackProcedure: ProcedureDescriptor<
  IscsiLuRollbackInput,
  IscsiLuRollbackResult,
  IscsiLuRollbackPlanResult,
  IscsiLuRollbackDetail
> = {
  command: 'iscsi-lu-rollback',
  description:
    'roll back the zvol behind an iSCSI LU to a snapshot, keeping its GUID and views, and bring its zone back',
  workflowType: 'iscsiLuRollback',
  planWorkflowType: 'planIscsiLuRollback',
  steps: ISCSI_LU_ROLLBACK_STEPS,
  identity: iscsiLuRollbackIdentity,
  schema: iscsiLuRollbackInputSchema,
  argument: { name: 'snapshot', path: 'snapshot', description: 'snapshot to roll back to (the name after @)' },
  flags: [
    {
      flag: '--storage <host>',
      path: 'storageHost',
      kind: 'string',
      description: 'host exporting the LU (inventory name)',
      required: true,
    },
    { flag: '--lu <guid>', path: 'lu', kind: 'string', description: 'the LU by its GUID (or give --zvol)' },
    { flag: '--zvol <dataset>', path: 'zvol', kind: 'string', description: 'the LU by the zvol behind it' },
    {
      flag: '--destroy-newer',
      path: 'destroyNewer',
      kind: 'bool',
      description: 'consent to destroying the snapshots newer than the one rolled back to',
    },
    {
      flag: '--consumer <zone>',
      path: 'consumer.zone',
      kind: 'string',
      description: 'the kernel zone that boots from the LU (with --consumer-host)',
    },
    { flag: '--consumer-host <host>', path: 'consumer.host', kind: 'string', description: "the consumer zone's host" },
    {
      flag: '--halt-consumer',
      path: 'haltConsumer',
      kind: 'bool',
      description: 'halt the consumer if it runs (otherwise a running consumer is refused)',
    },
    {
      flag: '--zone-timeout <seconds>',
      path: 'zoneTimeoutSeconds',
      kind: 'int',
      description: 'longest wait for the consumer to run again after its boot',
    },
  ],
  hosts: (input) => [input.storageHost, ...(input.consumer ? [input.consumer.host] : [])],
  resource: (input) => `LU ${luName(input)} on ${input.storageHost}`,
  // A migration of the consumer zone would attach it elsewhere while its LU is rolled back.
  conflicts: (input) => (input.consumer ? [zoneWorkflowId(input.consumer.host, input.consumer.zone)] : []),
  workflowId: (input) => luWorkflowId(input.storageHost, luName(input)),
  planWorkflowId: (input, suffix) => planWorkflowId(input.storageHost, luName(input), suffix),
  summary: (input) =>
    `iscsiLuRollback ${luName(input)}@${input.snapshot} on ${input.storageHost}${consumerText(input)}`,
  details: (input) =>
    [
      `- newer snapshots: ${input.destroyNewer ? 'destroyed (consented)' : 'refused if any'}`,
      `- consumer: ${input.consumer ? `${input.consumer.zone} on ${input.consumer.host}${input.haltConsumer ? ', halted if running' : ''}` : 'none'}`,
    ].join('\n'),
  detailLines: iscsiLuRollbackDetailLines,
  resultLines: (result) => [
    `LU ${result.guid} serves ${result.snapshot} with its ${result.views} view(s)`,
    ...(result.destroyed.length ? [`destroyed: ${result.destroyed.join(', ')}`] : []),
    ...(result.hostDataInitialized
      ? [
          `zone ${result.consumer?.zone}: host data re-created (attach -x initialize-hostdata): its old key no longer opened it`,
        ]
      : []),
  ],
  planLines: (input, { plan, commands }) => [
    `iscsiLuRollback ${plan.snapshot} on ${input.storageHost} — preflight passed`,
    ...plan.checks.map((c) => `  ✔ ${c}`),
    ...plannedCommandLines(ISCSI_LU_ROLLBACK_STEPS, commands),
  ],
};
