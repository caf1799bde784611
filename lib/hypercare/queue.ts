// Where the scheduled hypercare evaluation queues its jobs (db/job-queue.ts installs them,
// lib/hypercare/scheduler.ts uses them): pg-boss's schema and the queue's name.
export const JOB_SCHEMA = "pgboss";
export const HYPERCARE_QUEUE = "hypercare-evaluate";
