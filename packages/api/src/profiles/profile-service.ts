import { hotQuery, Prisma } from '@hotdesk/db';

import { type AuditEventType } from '../audit/audit-event-types';
import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { endViewsThatNoLongerStand } from '../impersonation/review-open-views';
import { type Actor } from '../sessions/actor';

export interface ProfilesView {
  user: {
    id: number | null;
    fullName: string;
    email: string | null;
    active: boolean;
    isAdmin: boolean;
  };
  currentProfileId: number | null;
  defaultBusiness: { id: number; name: string; webAddress: string } | null;
  profiles: Array<{
    id: number;
    fullName: string;
    email: string | null;
    companyName: string | null;
    active: boolean;
    isCurrent: boolean;
    type: 'INDIVIDUAL' | 'COMPANY';
    hasVirtualOffice: boolean;
    virtualOfficePaused: boolean;
    virtualOfficeContractId: number | null;
    location: { id: number; name: string; webAddress: string };
  }>;
}

/** The caller's profiles; inside an impersonation only the impersonated one exists. */
export async function listProfiles(ctx: ServiceContext, actor: Actor): Promise<ProfilesView> {
  return profilesView(actor, await readProfiles(ctx, actor));
}

/** The view of what `profilesOfSessionJson` read for `actor`'s session. */
export function profilesView(actor: Actor, read: ProfilesRead | null): ProfilesView {
  const user = read?.user ?? null;
  const coworkers = read?.coworkers ?? [];
  const current = coworkers.find((c) => c.id === actor.coworkerId) ?? null;
  const fallback = coworkers[0];
  return {
    user: {
      id: user?.id ?? null,
      fullName: user?.fullName ?? fallback?.fullName ?? '',
      email: user?.email ?? fallback?.email ?? null,
      active: user?.active ?? fallback?.active ?? false,
      // Staff status never shows through an impersonation.
      isAdmin: !actor.impersonation && (user?.isStaff ?? false),
    },
    currentProfileId: current?.id ?? null,
    defaultBusiness: current?.location ?? fallback?.location ?? null,
    profiles: coworkers.map((c) => ({ ...c, isCurrent: c.id === current?.id })),
  };
}

type Profile = Omit<ProfilesView['profiles'][number], 'isCurrent'>;
type ProfileUser = Omit<ProfilesView['user'], 'id' | 'isAdmin'> & { id: number; isStaff: boolean };

const profileJson = Prisma.sql`json_build_object(
    'id', c."id", 'fullName', c."fullName", 'email', c."email", 'companyName', c."companyName",
    'active', c."active", 'type', c."type", 'hasVirtualOffice', c."hasVirtualOffice",
    'virtualOfficePaused', c."virtualOfficePaused",
    'virtualOfficeContractId', c."virtualOfficeContractId",
    'location', json_build_object('id', l."id", 'name', l."name", 'webAddress', l."webAddress"))`;

const userJson = Prisma.sql`json_build_object(
    'id', u."id", 'fullName', u."fullName", 'email', u."email", 'active', u."active",
    'isStaff', EXISTS (SELECT 1 FROM "OperatorRole" r WHERE r."userId" = u."id"))`;

export type ProfilesRead = { user: ProfileUser | null; coworkers: Profile[] };

/**
 * The profiles of the session `s` as one JSON value: the person's own, or inside a view only
 * the viewed one. What every portal page asks first, so the REST GET reads it in the statement
 * that authenticates (`authenticateWith`).
 */
export const profilesOfSessionJson = Prisma.sql`CASE
    WHEN EXISTS (SELECT 1 FROM "Impersonation" pi WHERE pi."sessionId" = s."id") THEN (
      SELECT json_build_object(
          'user', (SELECT ${userJson} FROM "User" u WHERE u."id" = c."userId"),
          'coworkers', json_build_array(${profileJson}))
      FROM "Impersonation" pi
      JOIN "Coworker" c ON c."id" = pi."targetCoworkerId"
      JOIN "Location" l ON l."id" = c."locationId"
      WHERE pi."sessionId" = s."id")
    ELSE (
      SELECT json_build_object('user', ${userJson}, 'coworkers', COALESCE((
          SELECT json_agg(${profileJson} ORDER BY c."id")
          FROM "Coworker" c JOIN "Location" l ON l."id" = c."locationId"
          WHERE c."userId" = u."id"), '[]'::json))
      FROM "User" u WHERE u."id" = s."userId")
  END`;

async function readProfiles(ctx: ServiceContext, actor: Actor): Promise<ProfilesRead | null> {
  const [row] = await hotQuery<Array<{ profiles: ProfilesRead | null }>>(
    ctx.db,
    Prisma.sql`SELECT ${profilesOfSessionJson} AS "profiles"
      FROM "Session" s WHERE s."id" = ${actor.sessionId}::uuid`,
  );
  return row?.profiles ?? null;
}

/** Makes one of the caller's own active profiles the session's current profile. */
export async function switchCurrentProfile(
  ctx: ServiceContext,
  actor: Actor,
  coworkerId: number,
): Promise<void> {
  const ownsProfile = actor.impersonation
    ? actor.impersonation.targetCoworkerId === coworkerId
    : actor.userId !== null;
  const profile = ownsProfile
    ? await ctx.db.coworker.findFirst({
        where: {
          id: coworkerId,
          active: true,
          ...(actor.impersonation ? {} : { userId: actor.userId }),
        },
        select: { id: true, locationId: true },
      })
    : null;
  if (!profile) {
    throw notFound(`No active profile with id ${coworkerId} for this account.`);
  }
  await auditedTransaction(ctx.db, async (tx) => {
    await tx.session.update({ where: { id: actor.sessionId }, data: { coworkerId: profile.id } });
    await recordAuditEvent(tx, {
      type: 'PROFILE_SWITCHED',
      actor,
      targetCoworkerId: profile.id,
      locationId: profile.locationId,
      data: { from: actor.coworkerId, to: profile.id },
      request: ctx.request,
      at: ctx.now(),
    });
  });
}

/** Edits the current profile's own details (name shown to the community, company). */
export async function updateProfileDetails(
  ctx: ServiceContext,
  actor: Actor,
  details: { fullName: string; companyName: string | null },
): Promise<void> {
  if (actor.coworkerId === null) throw notFound('This session has no current profile.');
  const coworkerId = actor.coworkerId;
  await auditedTransaction(ctx.db, async (tx) => {
    const before = await tx.coworker.findUniqueOrThrow({
      where: { id: coworkerId },
      select: { fullName: true, companyName: true, locationId: true },
    });
    await tx.coworker.update({ where: { id: coworkerId }, data: details });
    await recordAuditEvent(tx, {
      type: 'PROFILE_UPDATED',
      actor,
      targetCoworkerId: coworkerId,
      locationId: before.locationId,
      data: {
        before: { fullName: before.fullName, companyName: before.companyName },
        after: details,
      },
      request: ctx.request,
      at: ctx.now(),
    });
  });
}

/**
 * A member's own choice about their current profile (who may view it, how they are told),
 * saved and audited in one transaction; `alsoInTransaction` runs what the choice sets off.
 */
export async function saveOwnProfileChoice(
  ctx: ServiceContext,
  actor: Actor,
  choice: {
    data: Prisma.CoworkerUpdateInput;
    type: AuditEventType;
    audit: Record<string, boolean>;
    alsoInTransaction?: (tx: Prisma.TransactionClient, coworkerId: number) => Promise<void>;
  },
): Promise<void> {
  if (actor.coworkerId === null) throw notFound('This session has no current profile.');
  const coworkerId = actor.coworkerId;
  await auditedTransaction(ctx.db, async (tx) => {
    const coworker = await tx.coworker.update({
      where: { id: coworkerId },
      data: choice.data,
      select: { locationId: true },
    });
    await recordAuditEvent(tx, {
      type: choice.type,
      actor,
      targetCoworkerId: coworkerId,
      locationId: coworker.locationId,
      data: choice.audit,
      request: ctx.request,
      at: ctx.now(),
    });
    await choice.alsoInTransaction?.(tx, coworkerId);
  });
}

/**
 * The member's own choice to let their team administrators view their account or not. Only
 * the member, in their own session, may make it; operators' support access is not affected.
 */
export async function setTeamAdminImpersonationPreference(
  ctx: ServiceContext,
  actor: Actor,
  allow: boolean,
): Promise<void> {
  await saveOwnProfileChoice(ctx, actor, {
    data: { allowTeamAdminImpersonation: allow },
    type: 'TEAM_ADMIN_IMPERSONATION_PREFERENCE_CHANGED',
    audit: { allow },
    // Saying no ends the team administrators' views of this profile now, not at their next click.
    alsoInTransaction: async (tx, coworkerId) => {
      if (!allow) {
        await endViewsThatNoLongerStand(tx, ctx, {
          targetCoworkerId: coworkerId,
          kind: 'TEAM_ADMIN',
        });
      }
    },
  });
}
