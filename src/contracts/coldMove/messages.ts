import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProcedureProgress } from '../progress';
import type { ColdMoveDetail } from './result';

/** The `progress` query of a coldMove, with its detail typed. */
export const coldMoveProgressQuery = defineQuery<ProcedureProgress<ColdMoveDetail>>('progress');

/** `zmig approve`: lets a migration waiting at its cutover gate go ahead. */
export const approveCutoverUpdate = defineUpdate<string, [{ approvedBy?: string }]>('approveCutover');
