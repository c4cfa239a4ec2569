import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminRouter } from '../admin';
import { portalRouter } from '../portal';
import { type Actor } from './actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';

let h: ApiTestHarness;
let bob: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const portal = (actor: Actor, sessionCookie: string | null = null) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor, { sessionCookie }).ctx);
const admin = (actor: Actor) => adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);
const alive = async (accessToken: string) =>
  (await h.rest('GET', '/api/public/coworkers/profiles', { bearer: accessToken })).status === 200;

describe('the list of one’s own sessions', () => {
  it('shows every sign-in of the person in both apps, marks this one, and never a view of them', async () => {
    const operator = 'admin@downtown.hotdesk.test';
    const inAdmin = await h.signIn(operator, 'ADMIN');
    const viaApi = await h.signIn(operator);
    const userId = inAdmin.actor.userId;
    // Bob is being viewed by staff: his own list must not show that view.
    const bobHimself = await h.signIn('bob@example.com');
    await impersonateViaRest(h, 'owner@hotdesk.test', bob);

    const list = await admin(inAdmin.actor).session.list();
    const ids = list.sessions.map((session) => session.id);
    expect(ids).toEqual(expect.arrayContaining([inAdmin.sessionId, viaApi.sessionId]));
    const mine = list.sessions.find((session) => session.id === inAdmin.sessionId);
    expect(mine).toMatchObject({
      app: 'ADMIN',
      current: true,
      ip: h.ctx.request.ip,
      device: 'hotdesk-tests',
    });
    expect(mine?.startedAt).toBeInstanceOf(Date);
    expect(list.sessions.filter((session) => session.current)).toHaveLength(1);
    const stored = await h.db.session.findMany({ where: { id: { in: ids } } });
    expect(stored.every((session) => session.userId === userId)).toBe(true);

    const bobsList = await portal(bobHimself.actor).session.list();
    const views = await h.db.session.findMany({
      where: { impersonation: { targetCoworkerId: bob } },
      select: { id: true },
    });
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) {
      expect(bobsList.sessions.map((session) => session.id)).not.toContain(view.id);
    }
  });

  it('“sign out this device” ends that session and the views started from it, and nothing else', async () => {
    const laptop = await h.signIn('alice@example.com');
    const phone = await h.signIn('alice@example.com');
    const view = await impersonateViaRest(h, phone, bob, { kind: 'team-admin' });

    expect(
      await portal(laptop.actor).session.signOutDevice({ sessionId: phone.sessionId }),
    ).toEqual({ current: false });
    expect(await alive(phone.accessToken)).toBe(false);
    expect(await alive(view.accessToken)).toBe(false);
    expect(await alive(laptop.accessToken)).toBe(true);
    expect(
      (await h.db.session.findUniqueOrThrow({ where: { id: phone.sessionId } })).endedReason,
    ).toBe('SIGNED_OUT_ELSEWHERE');
    // The phone's browser is told why on its sign-in page.
    const notice = await portalRouter
      .createCaller(trpcTestContext(h, 'portal', null, { sessionCookie: phone.accessToken }).ctx)
      .session.endedNotice();
    expect(notice).toMatchObject({ reason: 'SIGNED_OUT_ELSEWHERE' });
    expect(notice?.message).toMatch(/signed out of this device/);
  });

  it('cannot end somebody else’s session or a view of oneself: 404, and both live on', async () => {
    const alice = await h.signIn('alice@example.com');
    const carol = await h.signIn('carol@example.com');
    const bobHimself = await h.signIn('bob@example.com');
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const viewSession = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
    });
    expect(
      await trpcCode(portal(alice.actor).session.signOutDevice({ sessionId: carol.sessionId })),
    ).toBe('NOT_FOUND');
    expect(
      await trpcCode(
        portal(bobHimself.actor).session.signOutDevice({ sessionId: viewSession.sessionId! }),
      ),
    ).toBe('NOT_FOUND');
    expect(await alive(carol.accessToken)).toBe(true);
    expect(await alive(view.accessToken)).toBe(true);
  });

  it('“sign out everywhere” ends every session of the person, this one included', async () => {
    const first = await h.signIn('carol@example.com');
    const second = await h.signIn('carol@example.com');
    const other = await h.signIn('erin@example.com');
    const { ctx, cookies } = trpcTestContext(h, 'portal', first.actor);
    const result = await portalRouter.createCaller(ctx).session.signOutEverywhere();
    expect(result.sessions).toBeGreaterThanOrEqual(2);
    expect(await alive(first.accessToken)).toBe(false);
    expect(await alive(second.accessToken)).toBe(false);
    expect(await alive(other.accessToken)).toBe(true);
    expect(cookies).toEqual(
      expect.arrayContaining([expect.stringMatching(/^hotdesk_portal_session=;.*Max-Age=0/)]),
    );
    const notice = await portal(other.actor, second.accessToken).session.endedNotice();
    expect(notice).toMatchObject({ reason: 'SIGNED_OUT_EVERYWHERE' });
  });

  it('is out of reach of an impersonated session: no list, no sign-out of others, not everywhere', async () => {
    const bobHimself = await h.signIn('bob@example.com');
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      mode: 'full',
      reason: 'Checking his devices',
    });
    const viewer = portal(await h.actorOf(view.accessToken));
    expect(await trpcCode(viewer.session.list())).toBe('FORBIDDEN');
    expect(await trpcCode(viewer.session.signOutDevice({ sessionId: bobHimself.sessionId }))).toBe(
      'FORBIDDEN',
    );
    expect(await trpcCode(viewer.session.signOutEverywhere())).toBe('FORBIDDEN');
    expect(await alive(bobHimself.accessToken)).toBe(true);
    expect(await alive(view.accessToken)).toBe(true);
  });
});

describe('the sign-in page’s notice', () => {
  it('says nothing for a live session, an unknown cookie, or a sign-out chosen in this browser', async () => {
    const member = await h.signIn('erin@example.com');
    const ask = (cookie: string | null) =>
      portalRouter
        .createCaller(trpcTestContext(h, 'portal', null, { sessionCookie: cookie }).ctx)
        .session.endedNotice();
    expect(await ask(member.accessToken)).toBeNull();
    expect(await ask('hds_unknown')).toBeNull();
    expect(await ask(null)).toBeNull();
    await portal(member.actor).session.signOut();
    expect(await ask(member.accessToken)).toBeNull();
  });
});
