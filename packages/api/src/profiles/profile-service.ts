import { auditedTransaction, recordAuditEvent } from '../audit/record-audit-event';
import { type ServiceContext } from '../context';
import { notFound } from '../errors';
import { endViewsThatNoLongerStand } from '../impersonation/review-open-views';
import { type Actor } from '../sessions/actor';

const profileSelect = {
  id: true,
  fullName: true,
  email: true,
  companyName: true,
  active: true,
  type: true,
  hasVirtualOffice: true,
  virtualOfficePaused: true,
  virtualOfficeContractId: true,
  location: { select: { id: true, name: true, webAddress: true } },
} as const;

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

const userSelect = {
  id: true,
  fullName: true,
  email: true,
  active: true,
  operatorRoles: { select: { id: true }, take: 1 },
} as const;

/** The caller's profiles; inside an impersonation only the impersonated one exists. */
export async function listProfiles(ctx: ServiceContext, actor: Actor): Promise<ProfilesView> {
  const { user, coworkers } = await readProfiles(ctx, actor);
  const current = coworkers.find((c) => c.id === actor.coworkerId) ?? null;
  const fallback = coworkers[0];
  return {
    user: {
      id: user?.id ?? null,
      fullName: user?.fullName ?? fallback?.fullName ?? '',
      email: user?.email ?? fallback?.email ?? null,
      active: user?.active ?? fallback?.active ?? false,
      // Staff status never shows through an impersonation.
      isAdmin: !actor.impersonation && (user?.operatorRoles.length ?? 0) > 0,
    },
    currentProfileId: current?.id ?? null,
    defaultBusiness: current?.location ?? fallback?.location ?? null,
    profiles: coworkers.map((c) => ({ ...c, isCurrent: c.id === current?.id })),
  };
}

/** One statement either way: the person's own profiles, or inside a view only the viewed one. */
async function readProfiles(ctx: ServiceContext, actor: Actor) {
  if (actor.impersonation) {
    const coworker = await ctx.db.coworker.findUnique({
      where: { id: actor.impersonation.targetCoworkerId },
      select: { ...profileSelect, user: { select: userSelect } },
    });
    if (!coworker) return { user: null, coworkers: [] };
    const { user, ...profile } = coworker;
    return { user, coworkers: [profile] };
  }
  if (actor.userId === null) return { user: null, coworkers: [] };
  const user = await ctx.db.user.findUnique({
    where: { id: actor.userId },
    select: { ...userSelect, coworkers: { orderBy: { id: 'asc' }, select: profileSelect } },
  });
  return { user, coworkers: user?.coworkers ?? [] };
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
 * The member's own choice to let their team administrators view their account or not. Only
 * the member, in their own session, may make it; operators' support access is not affected.
 */
export async function setTeamAdminImpersonationPreference(
  ctx: ServiceContext,
  actor: Actor,
  allow: boolean,
): Promise<void> {
  if (actor.coworkerId === null) throw notFound('This session has no current profile.');
  const coworkerId = actor.coworkerId;
  await auditedTransaction(ctx.db, async (tx) => {
    const coworker = await tx.coworker.update({
      where: { id: coworkerId },
      data: { allowTeamAdminImpersonation: allow },
      select: { locationId: true },
    });
    await recordAuditEvent(tx, {
      type: 'TEAM_ADMIN_IMPERSONATION_PREFERENCE_CHANGED',
      actor,
      targetCoworkerId: coworkerId,
      locationId: coworker.locationId,
      data: { allow },
      request: ctx.request,
      at: ctx.now(),
    });
    // Saying no ends the team administrators' views of this profile now, not at their next click.
    if (!allow) {
      await endViewsThatNoLongerStand(tx, ctx, {
        targetCoworkerId: coworkerId,
        kind: 'TEAM_ADMIN',
      });
    }
  });
}
