import { adminRouter } from '../../src/admin';
import { portalRouter } from '../../src/portal';
import { type Actor } from '../../src/sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../support/api-test-harness';
import { jtiOf } from '../support/impersonation-flow';
import { trpcTestContext } from '../support/trpc-test-context';
import { demoIds, exchangeOk, grantToken } from './attack-fixtures';

/**
 * Two locations with something to leak: 30 more Downtown customers (some suspended, some
 * companies), a second Downtown team (Zeta) alice does not run, and impersonations granted,
 * exchanged and pending on both sides, so the audit log and the lists are not empty.
 */
export async function buildTenancyWorld() {
  const h = await startApiTestHarness();
  const ids = await demoIds(h);
  // A realistic spread of Downtown customers, and a second Downtown team alice does not run.
  const extra = Array.from({ length: 30 }, (_, i) => ({
    locationId: ids.downtown,
    fullName: `Downtown Extra ${i}`,
    email: `extra${i}@downtown-customers.test`,
    active: i % 7 !== 0,
    type: i % 5 === 0 ? ('COMPANY' as const) : ('INDIVIDUAL' as const),
  }));
  await h.db.coworker.createMany({ data: extra });
  await h.db.coworker.createMany({
    data: Array.from({ length: 5 }, (_, i) => ({
      locationId: ids.riverside,
      fullName: `Riverside Extra ${i}`,
      email: `extra${i}@riverside-customers.test`,
    })),
  });
  const zetaMembers = await h.db.coworker.findMany({
    where: { email: { startsWith: 'extra1' }, locationId: ids.downtown },
    select: { id: true },
  });
  const zeta = (
    await h.db.team.create({
      data: {
        locationId: ids.downtown,
        name: 'Zeta',
        members: {
          create: zetaMembers.map((m, i) => ({ coworkerId: m.id, isAdministrator: i === 0 })),
        },
      },
    })
  ).id;
  const all = await h.db.coworker.findMany({ select: { id: true, locationId: true } });
  const downtownIds = all.filter((c) => c.locationId === ids.downtown).map((c) => c.id);
  const riversideIds = all.filter((c) => c.locationId === ids.riverside).map((c) => c.id);
  const maxId = Math.max(...all.map((c) => c.id));
  const unknownIds = [maxId + 1, maxId + 2, maxId + 50, 1_000_000, 2_147_483_647];

  const owner = await h.signIn('owner@hotdesk.test');
  const downtownAdmin = await h.signIn('admin@downtown.hotdesk.test');
  const riversideAdmin = await h.signIn('admin@riverside.hotdesk.test');
  const alice = await h.signIn('alice@example.com');
  const ownerActor = (await h.signIn('owner@hotdesk.test', 'ADMIN')).actor;
  const riversideActor = (await h.signIn('admin@riverside.hotdesk.test', 'ADMIN')).actor;
  const downtownActor = (await h.signIn('admin@downtown.hotdesk.test', 'ADMIN')).actor;

  // Activity on both sides, so the audit log and the impersonation lists have something to leak.
  const downtownToken = await grantToken(h, downtownAdmin, ids.bob);
  const downtownImpersonationId = jtiOf(downtownToken);
  await exchangeOk(h, downtownToken);
  await exchangeOk(h, await grantToken(h, riversideAdmin, ids.erin));
  await grantToken(h, riversideAdmin, ids.carolRiverside);
  await grantToken(h, owner, ids.carolDowntown);
  return {
    h,
    ids,
    owner,
    downtownAdmin,
    riversideAdmin,
    alice,
    ownerActor,
    riversideActor,
    downtownActor,
    downtownIds,
    riversideIds,
    unknownIds,
    zeta,
    downtownImpersonationId,
  };
}

export type TenancyWorld = Awaited<ReturnType<typeof buildTenancyWorld>>;

export const adminCaller = (h: ApiTestHarness, actor: Actor) =>
  adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
export const portalCaller = (h: ApiTestHarness, actor: Actor) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);

/** A refusal's message with the id taken out: it must not differ between "elsewhere" and "nowhere". */
export const withoutId = (message: unknown, id: number) =>
  String(message).replaceAll(String(id), '#');
