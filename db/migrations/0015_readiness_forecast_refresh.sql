-- Summaries written before the forecast columns existed hold an empty required-by-status and no
-- forecast: mark them all due, so the next portfolio read (or the scheduled sweep) re-derives them.
UPDATE "readiness_summaries" SET "until" = now();
