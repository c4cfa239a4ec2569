-- The app servers close the requests whose time ran out every couple of seconds
-- (access-requests/expire-lapsed-requests.ts): `status = 'PENDING' AND expiresAt <= now`. Only
-- waiting requests are indexed, in the order they lapse; a closed request leaves the index, so
-- the pass reads only what it closes however long the history grows.
-- Hand-written: Prisma cannot declare a partial index (schema.prisma says where it is).
CREATE INDEX "AccessRequest_pending_expiry_idx" ON "AccessRequest" ("expiresAt") WHERE "status" = 'PENDING';
