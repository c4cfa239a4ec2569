import { type Db } from '../context';

export interface ImpersonationTarget {
  id: number;
  locationId: number;
  active: boolean;
  userId: number | null;
  fullName: string;
  isStaff: boolean;
  allowTeamAdminImpersonation: boolean;
}

export async function findImpersonationTarget(
  db: Db,
  coworkerId: number,
): Promise<ImpersonationTarget | null> {
  const coworker = await db.coworker.findUnique({
    where: { id: coworkerId },
    select: {
      id: true,
      locationId: true,
      active: true,
      userId: true,
      fullName: true,
      allowTeamAdminImpersonation: true,
      user: { select: { operatorRoles: { select: { id: true }, take: 1 } } },
    },
  });
  if (!coworker) return null;
  return {
    id: coworker.id,
    locationId: coworker.locationId,
    active: coworker.active,
    userId: coworker.userId,
    fullName: coworker.fullName,
    allowTeamAdminImpersonation: coworker.allowTeamAdminImpersonation,
    isStaff: (coworker.user?.operatorRoles.length ?? 0) > 0,
  };
}

/**
 * Why this target may not be impersonated by this user, whatever their role; null when it may.
 * Staff targets are refused so nobody borrows another operator's rights through a profile.
 */
export function targetRefusal(
  target: ImpersonationTarget,
  actorUserId: number | null,
): string | null {
  if (target.isStaff) return 'This customer is also a staff account and cannot be impersonated.';
  if (!target.active) return 'This customer is inactive (suspended) and cannot be impersonated.';
  if (actorUserId !== null && target.userId === actorUserId) {
    return 'You cannot impersonate your own profile.';
  }
  return null;
}
