import {
  hotQuery,
  Prisma,
  type ImpersonationKind,
  type ImpersonationMode,
  type PrismaClient,
} from '@hotdesk/db';

import { countOneMore } from '../abuse/rate-limit';
import {
  auditRowsCte,
  utc,
  writtenAuditRowsJson,
  type ConditionalAuditEvent,
  type PreparedAuditEvent,
  type WrittenAuditRows,
} from '../audit/audit-rows-sql';
import { type Actor } from '../sessions/actor';
import { viewerOf } from './impersonation-snapshot';
import {
  defaultLocationPolicy,
  type AccessApproval,
  type TargetFacts,
  type ViewingSnapshot,
} from './rules';
import { targetFactsJson } from './target-facts-sql';

type RawTarget = Omit<TargetFacts, 'policy'> & { policy: TargetFacts['policy'] | null };

type RawApproval = Omit<AccessApproval, 'expiresAt'> & { expiresAt: string };

/** What a grant decides on besides the asking session's own facts (`viewingFactsJson`). */
export interface ViewingFacts {
  target: RawTarget | null;
  teamIds: number[];
  requests: RawApproval[] | null;
}

/**
 * The facts about coworker `coworkerId` and the teams the session `s`'s profile administers, as
 * one JSON value over `s`: the REST grant reads it in the statement that authenticates.
 */
export function viewingFactsJson(coworkerId: number): Prisma.Sql {
  return Prisma.sql`json_build_object(
      'target', ${targetFactsJson(Prisma.sql`${coworkerId}::int`)},
      'teamIds', COALESCE((SELECT json_agg(tm."teamId") FROM "TeamMember" tm
                           WHERE tm."coworkerId" = s."coworkerId" AND tm."isAdministrator"), '[]'::json),
      'requests', ${requestFactsJson(coworkerId)})`;
}

/**
 * The session's user's latest request to view the coworker, one per kind and mode, with who
 * said yes or no: folded into the snapshot's statement, so a location that asks for approvals
 * or the member's consent costs a grant no extra round trip (and one that does not pays for an
 * index probe that finds nothing).
 */
function requestFactsJson(coworkerId: number): Prisma.Sql {
  return Prisma.sql`(SELECT json_agg(json_build_object(
      'id', ar."id", 'kind', ar."kind", 'mode', ar."mode", 'requesterUserId', ar."requesterUserId",
      'targetCoworkerId', ar."targetCoworkerId", 'locationId', ar."locationId",
      'status', ar."status", 'expiresAt', ar."expiresAt",
      'needsSecondApproval', ar."needsSecondApproval", 'needsMemberConsent', ar."needsMemberConsent",
      'secondApproved', ar."secondApprovedAt" IS NOT NULL,
      'memberApproved', ar."memberApprovedAt" IS NOT NULL,
      'memberDenied', ar."memberDeniedAt" IS NOT NULL,
      'approverUserId', ar."secondApproverUserId", 'approverName', au."fullName"))
    FROM (SELECT DISTINCT ON (r."kind", r."mode") r.* FROM "AccessRequest" r
          WHERE r."requesterUserId" = s."userId" AND r."targetCoworkerId" = ${coworkerId}::int
          ORDER BY r."kind", r."mode", r."createdAt" DESC) ar
    LEFT JOIN "User" au ON au."id" = ar."secondApproverUserId")`;
}

/** What the rules need to decide whether `actor` may view coworker `coworkerId` as `kind`. */
export function viewingSnapshotOf(
  actor: Actor,
  kind: ViewingSnapshot['kind'],
  coworkerId: number,
  facts: ViewingFacts,
): ViewingSnapshot {
  // Inside a view the actor acts for nobody: no team of theirs counts.
  const teamAdministrator =
    kind === 'TEAM_ADMIN' && actor.coworkerId !== null && actor.impersonation === null;
  const target = facts.target;
  return {
    kind,
    requestedId: coworkerId,
    viewer: viewerOf(actor, teamAdministrator ? facts.teamIds : []),
    target: target && { ...target, policy: target.policy ?? defaultLocationPolicy },
    requests: (facts.requests ?? []).map((request) => ({
      ...request,
      expiresAt: new Date(`${request.expiresAt}Z`),
    })),
  };
}

/** The same snapshot read on its own, in one statement. */
export async function loadViewingSnapshot(
  db: PrismaClient,
  actor: Actor,
  kind: ViewingSnapshot['kind'],
  coworkerId: number,
): Promise<ViewingSnapshot> {
  const [row] = await hotQuery<Array<{ facts: ViewingFacts }>>(
    db,
    Prisma.sql`SELECT ${viewingFactsJson(coworkerId)} AS "facts"
      FROM "Session" s WHERE s."id" = ${actor.sessionId}::uuid`,
  );
  return viewingSnapshotOf(
    actor,
    kind,
    coworkerId,
    row?.facts ?? { target: null, teamIds: [], requests: null },
  );
}

/** The grant row a successful attempt inserts. */
export interface GrantRow {
  id: string;
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  reason: string | null;
  actorUserId: number;
  actorCoworkerId: number | null;
  actorSessionId: string;
  targetCoworkerId: number;
  locationId: number;
  issuedAt: Date;
  tokenExpiresAt: Date;
  /** Started without the member's yes where the location asks for it. */
  urgent: boolean;
}

export interface GrantAttempt {
  /** The actor's hourly allowance, counted by this attempt. */
  allowance: { key: string; windowMinutes: number; limit: number };
  now: Date;
  /**
   * Inserted, with its event, when the allowance holds; absent when the rules refused. With
   * `approvalId`, only if that approval is still unused: it is marked used by this grant.
   */
  grant: { row: GrantRow; event: PreparedAuditEvent; approvalId: string | null } | null;
  /** The rules' refusal, recorded when the allowance holds. */
  refusal: PreparedAuditEvent | null;
  /** Recorded by the first attempt past the allowance only: a flood writes one event. */
  overAllowance: PreparedAuditEvent;
}

/**
 * One statement, one commit: counts the attempt against the allowance and, as the count
 * allows, inserts the grant with its event, or records the refusal.
 */
export async function writeGrantAttempt(
  db: PrismaClient,
  attempt: GrantAttempt,
): Promise<{
  count: number;
  windowStartedAt: Date;
  granted: boolean;
  auditRows: WrittenAuditRows;
}> {
  const { allowance, grant } = attempt;
  const withinAllowance = Prisma.sql`(SELECT "count" FROM counted) <= ${allowance.limit}`;
  const events: ConditionalAuditEvent[] = [
    {
      event: attempt.overAllowance,
      when: Prisma.sql`(SELECT "count" FROM counted) = ${allowance.limit + 1}`,
    },
  ];
  if (grant) {
    events.unshift({ event: grant.event, when: Prisma.sql`EXISTS (SELECT 1 FROM granted)` });
  }
  if (attempt.refusal) events.unshift({ event: attempt.refusal, when: withinAllowance });
  const g = grant?.row;
  const approvalId = grant?.approvalId ?? null;
  const [row] = await hotQuery<
    Array<{ count: number; windowStartedAt: Date; granted: boolean; auditRows: WrittenAuditRows }>
  >(
    db,
    Prisma.sql`
    WITH counted AS (
      ${countOneMore(allowance, attempt.now)}
      RETURNING "count", "windowStartedAt"
    ), ${approvalUse(approvalId, g?.id ?? null, withinAllowance, attempt.now)}, granted AS (
      INSERT INTO "Impersonation" ("id", "kind", "mode", "reason", "actorUserId", "actorCoworkerId",
        "actorSessionId", "targetCoworkerId", "locationId", "issuedAt", "tokenExpiresAt", "urgent")
      SELECT ${g?.id ?? null}::uuid, ${g?.kind ?? null}::"ImpersonationKind",
        ${g?.mode ?? null}::"ImpersonationMode", ${g?.reason ?? null}::text,
        ${g?.actorUserId ?? null}::int, ${g?.actorCoworkerId ?? null}::int,
        ${g?.actorSessionId ?? null}::uuid, ${g?.targetCoworkerId ?? null}::int,
        ${g?.locationId ?? null}::int, ${g ? utc(g.issuedAt) : null}::timestamp(3),
        ${g ? utc(g.tokenExpiresAt) : null}::timestamp(3), ${g?.urgent ?? false}::boolean
      WHERE ${g ? withinAllowance : Prisma.sql`false`}
        AND ${approvalId ? Prisma.sql`EXISTS (SELECT 1 FROM used_approval)` : Prisma.sql`true`}
      RETURNING "id"
    ), ${auditRowsCte(events)}
    SELECT (SELECT "count" FROM counted) AS "count",
      (SELECT "windowStartedAt" FROM counted) AS "windowStartedAt",
      EXISTS (SELECT 1 FROM granted) AS "granted",
      ${writtenAuditRowsJson} AS "auditRows"`,
  );
  if (!row) throw new Error('The grant statement returned no row.');
  return row;
}

/**
 * Marks the grant's approval used, once: of two grants racing for one approval, the second
 * finds it used and inserts nothing. The link to the grant is set in the same statement.
 */
function approvalUse(
  approvalId: string | null,
  grantId: string | null,
  withinAllowance: Prisma.Sql,
  now: Date,
) {
  if (approvalId === null)
    return Prisma.sql`used_approval AS (SELECT NULL::uuid AS "id" WHERE false)`;
  return Prisma.sql`used_approval AS (
      UPDATE "AccessRequest" SET "status" = 'USED', "usedByImpersonationId" = ${grantId}::uuid
      WHERE "id" = ${approvalId}::uuid AND "status" = 'APPROVED'
        AND "expiresAt" > ${utc(now)}::timestamp(3) AND ${withinAllowance}
      RETURNING "id")`;
}
