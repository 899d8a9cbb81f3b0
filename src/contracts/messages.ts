import { defineQuery } from '@temporalio/workflow';
import type { ProcedureProgress } from './progress';

/** The whole report model of any procedure run: steps, phase, its own detail, rollback. */
export const progressQuery = defineQuery<ProcedureProgress>('progress');
