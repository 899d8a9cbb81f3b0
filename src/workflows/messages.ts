import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MigrationProgress } from './progress';

/** The whole report model of a migration: steps, phase, rounds, downtime, rollback. */
export const progressQuery = defineQuery<MigrationProgress>('progress');

/** `zmig approve`: lets a migration waiting at its cutover gate go ahead. */
export const approveCutoverUpdate = defineUpdate<string, [{ approvedBy?: string }]>('approveCutover');
