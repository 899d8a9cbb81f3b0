/** The task queue zmig's workers poll and its client starts workflows on. */
export const TASK_QUEUE = 'zmig';
