import { type Db } from '../context';
import { notFound } from '../errors';
import { type Actor } from '../sessions/actor';
import { type BookerFacts } from './booking-rules';

export interface Booker extends BookerFacts {
  id: number;
  location: { id: number; name: string; timeZone: string; currency: string };
}

/** The session's current profile with what the booking rules ask of it. */
export async function bookerOf(db: Db, actor: Actor): Promise<Booker> {
  if (actor.coworkerId === null) throw noCurrentProfile();
  const coworker = await db.coworker.findUnique({
    where: { id: actor.coworkerId },
    select: {
      id: true,
      active: true,
      locationId: true,
      location: { select: { id: true, name: true, timeZone: true, currency: true } },
      teamMemberships: {
        select: { canMakeBookings: true, team: { select: { name: true } } },
        orderBy: { team: { name: 'asc' } },
      },
    },
  });
  if (!coworker) throw noCurrentProfile();
  return {
    id: coworker.id,
    active: coworker.active,
    locationId: coworker.locationId,
    location: coworker.location,
    teams: coworker.teamMemberships.map((m) => ({
      name: m.team.name,
      canMakeBookings: m.canMakeBookings,
    })),
  };
}

const noCurrentProfile = () => notFound('This session has no current profile.');

/** Who really acts, and through which view: the person behind an impersonation, not its target. */
export function actingPerson(actor: Actor): {
  userId: number | null;
  viaImpersonationId: string | null;
} {
  return {
    userId: actor.impersonation ? actor.impersonation.actorUserId : actor.userId,
    viaImpersonationId: actor.impersonation?.id ?? null,
  };
}
