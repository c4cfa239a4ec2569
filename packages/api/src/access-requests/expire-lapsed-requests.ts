import { type ImpersonationKind, type ImpersonationMode, type PrismaClient } from '@hotdesk/db';

import { tellRequester } from '../notifications/consent-notice';

/** How many lapsed requests one pass closes; the rest wait for the next pass. */
const BATCH_SIZE = 200;

interface LapsedRow {
  id: string;
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  requesterUserId: number;
  locationId: number;
  needsMemberConsent: boolean;
  memberApprovedAt: Date | null;
  memberName: string;
  locationName: string;
}

/**
 * Closes the requests whose time ran out while they waited: their stored status becomes
 * EXPIRED (every read already showed them so), and a team administrator whose member never
 * answered is told among their notices, in the same transaction. An operator hears of it in
 * the admin app, which reads the status. A request someone is answering at this moment is
 * skipped (its row is locked) and settled by that answer or by the next pass. Returns how many
 * it closed.
 */
export async function expireLapsedRequests(db: PrismaClient, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const lapsed = await tx.$queryRaw<LapsedRow[]>`
      UPDATE "AccessRequest" AS r SET "status" = 'EXPIRED'
      FROM "Coworker" AS t, "Location" AS l
      WHERE r."id" IN (
          SELECT "id" FROM "AccessRequest"
          WHERE "status" = 'PENDING' AND "expiresAt" <= ${now}
          ORDER BY "expiresAt" LIMIT ${BATCH_SIZE}
          FOR UPDATE SKIP LOCKED)
        AND t."id" = r."targetCoworkerId" AND l."id" = r."locationId"
      RETURNING r."id", r."kind", r."mode", r."requesterUserId", r."locationId",
        r."needsMemberConsent", r."memberApprovedAt",
        t."fullName" AS "memberName", l."name" AS "locationName"`;
    for (const request of lapsed) {
      const memberNeverAnswered = request.needsMemberConsent && !request.memberApprovedAt;
      if (request.kind !== 'TEAM_ADMIN' || !memberNeverAnswered) continue;
      await tellRequester(tx, {
        accessRequestId: request.id,
        requesterUserId: request.requesterUserId,
        locationId: request.locationId,
        data: {
          memberName: request.memberName,
          answer: 'unanswered',
          locationName: request.locationName,
          mode: request.mode,
          usableUntil: null,
        },
        now,
      });
    }
    return lapsed.length;
  });
}
