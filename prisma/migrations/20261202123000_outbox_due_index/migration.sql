-- The mail sender claims the oldest due messages: `sentAt IS NULL AND nextAttemptAt <= now
-- ORDER BY nextAttemptAt, id`. The index on (sentAt, nextAttemptAt) gave no order by id, and a
-- notifier pass writes hundreds of messages with one nextAttemptAt: every claim of twenty read
-- and sorted the whole group, and walked past the entries its earlier claims had left behind
-- (4–13 ms a claim, docs/benchmarks.md, "Sixth round"). Only unsent messages are claimed, so
-- only they are indexed, in claim order; a sent message leaves the index.
-- Hand-written: Prisma cannot declare a partial index (schema.prisma says where it is).
DROP INDEX "OutboxEmail_sentAt_nextAttemptAt_idx";

-- Housekeeping deletes the copies of messages sent before its cutoff.
CREATE INDEX "OutboxEmail_sentAt_idx" ON "OutboxEmail"("sentAt");

CREATE INDEX "OutboxEmail_due_idx" ON "OutboxEmail" ("nextAttemptAt", "id") WHERE "sentAt" IS NULL;
