import { DEMO_PASSWORD } from '@hotdesk/db';
import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';

import { adminRouter } from '../../src/admin';
import { handlePortalTrpcRequest, portalRouter } from '../../src/portal';
import { getRuntime } from '../../src/runtime';
import { origins, trpc, useAppRuntime, type App } from './app-runtime';
import { recordAttack, Tally } from './attack-log';
import { proceduresOf } from './attack-fixtures';

/**
 * CSRF on the apps' own mutations, through their real request path: with a valid session
 * cookie, a request from another site is refused (FORBIDDEN) and changes nothing; the same
 * request from the app's own origin goes through.
 */

const runtime = useAppRuntime();
const { cookies } = runtime;

const crossSite = (app: App): Array<[string, Record<string, string>]> => [
  ['Origin https://evil.example', { origin: 'https://evil.example' }],
  ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ['Origin: null', { origin: 'null' }],
  ['look-alike Origin', { origin: `${origins[app]}.evil.example` }],
  ['the other app’s Origin', { origin: origins[app === 'admin' ? 'portal' : 'admin'] }],
  ['Origin without port', { origin: 'http://localhost' }],
  ['Origin over https', { origin: origins[app].replace('http:', 'https:') }],
  [
    'evil Origin, lying Sec-Fetch-Site',
    { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
  ],
  ['Origin with a path', { origin: `${origins[app]}/` }],
];

function mutationInput(path: string, validToken: string): unknown {
  const samples: Record<string, unknown> = {
    'session.signIn': { email: 'alice@example.com', password: DEMO_PASSWORD },
    'session.reauthenticate': { password: DEMO_PASSWORD },
    'profiles.switch': { coworkerId: runtime.ids.carolRiverside },
    'profiles.updateDetails': { fullName: 'Forged cross-site', companyName: '' },
    'profiles.setTeamAdminImpersonation': { allow: false },
    'notifications.setEmail': { email: false },
    'membership.reveal': { secret: 'DOOR_PIN' },
    'teams.updatePermissions': {
      teamId: runtime.ids.acme,
      memberId: runtime.ids.bob,
      permissions: {
        isTeamAdministrator: true,
        canMakeBookings: false,
        canBookForTeam: true,
        canPurchaseProducts: false,
        canPurchaseEvents: false,
        canAccessCommunity: false,
      },
    },
    'impersonation.startForTeamMember': { coworkerId: runtime.ids.bob },
    'impersonation.exchange': { token: validToken },
    'impersonation.preview': { token: validToken },
    'session.signOutDevice': { sessionId: '00000000-0000-4000-8000-000000000000' },
    'impersonation.revoke': { impersonationId: '00000000-0000-4000-8000-000000000000' },
    'impersonation.report': { impersonationId: '00000000-0000-4000-8000-000000000000' },
    'reports.resolve': { reportId: '00000000-0000-4000-8000-000000000000' },
    'impersonation.start': { coworkerId: runtime.ids.bob },
    'policies.update': {
      locationId: runtime.ids.downtown,
      policy: {
        operatorImpersonationEnabled: false,
        teamAdminImpersonationEnabled: false,
        maxSessionMinutes: 1,
        fullModeAllowed: false,
        reasonRequired: true,
      },
    },
  };
  return samples[path] ?? {};
}

/** Everything a forged request could have changed, to compare before and after. */
async function observableState() {
  const { db } = await getRuntime();
  return {
    sessions: await db.session.count(),
    liveSessions: await db.session.count({ where: { revokedAt: null } }),
    impersonations: await db.impersonation.count(),
    exchanged: await db.impersonation.count({ where: { exchangedAt: { not: null } } }),
    ended: await db.impersonation.count({ where: { endedAt: { not: null } } }),
    reports: await db.impersonationReport.count(),
    resolvedReports: await db.impersonationReport.count({ where: { resolvedAt: { not: null } } }),
    coworkers: await db.coworker.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, fullName: true, allowTeamAdminImpersonation: true },
    }),
    teamMembers: await db.teamMember.findMany({ orderBy: { id: 'asc' } }),
    policies: await db.locationPolicy.findMany({ orderBy: { locationId: 'asc' } }),
  };
}

describe('CSRF on the apps’ tRPC mutations', () => {
  it('every mutation of both apps, sent cross-site with a valid cookie: FORBIDDEN, and nothing changes', async () => {
    const { token: validToken } = (
      await trpc('admin', 'impersonation.start', {
        input: { coworkerId: runtime.ids.alice },
        cookie: cookies.ownerAdmin,
        headers: { origin: origins.admin },
      })
    ).data as { token: string };
    const before = await observableState();
    const tally = new Tally();
    const passed: string[] = [];
    for (const app of ['portal', 'admin'] as const) {
      const router = app === 'admin' ? adminRouter : portalRouter;
      const cookie =
        app === 'admin' ? cookies.ownerAdmin : `${cookies.alice}; ${cookies.impersonation}`;
      for (const { path } of proceduresOf(router).filter((p) => p.type === 'mutation')) {
        for (const [label, headers] of crossSite(app)) {
          const answer = await trpc(app, path, {
            input: mutationInput(path, validToken),
            cookie,
            headers,
          });
          tally.add(answer.code);
          if (answer.code !== 'FORBIDDEN')
            passed.push(`${app} ${path} with ${label} → ${answer.code}`);
          expect(
            answer.setCookies.filter((c) => /_session=[^;]+/.test(c) && !/_session=;/.test(c)),
          ).toEqual([]);
        }
      }
    }
    recordAttack(
      'cross-site mutations with a cookie (10 Origin / Sec-Fetch-Site variants × every mutation)',
      tally,
    );
    expect(passed).toEqual([]);
    expect(await observableState()).toEqual(before);
    // The token a forged exchange carried is still unspent.
    const exchange = await trpc('portal', 'impersonation.exchange', {
      input: { token: validToken },
      headers: { origin: origins.portal },
    });
    expect(exchange.code).toBe('OK');
  });

  it('fast-check: any Origin but the app’s own is refused', async () => {
    const tally = new Tally();
    const origin = fc
      .oneof(
        fc.webUrl().map((url) => new URL(url).origin),
        fc.webUrl({ validSchemes: ['http', 'https'] }).map((url) => url),
        fc.string({
          unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
          minLength: 1,
          maxLength: 40,
        }),
        fc.constantFrom(
          'http://127.0.0.1:3000',
          'http://[::1]:3000',
          'http://localhost:03000',
          'http://LOCALHOST:3000',
          'file://',
          'chrome-extension://abc',
        ),
      )
      // Header values are trimmed on the wire: " http://localhost:3000" is the real origin.
      .filter((value) => value.trim() !== origins.portal && value.trim() !== origins.admin);
    try {
      await fc.assert(
        fc.asyncProperty(origin, fc.constantFrom<App>('portal', 'admin'), async (value, app) => {
          const answer =
            app === 'portal'
              ? await trpc('portal', 'profiles.updateDetails', {
                  input: { fullName: 'Forged', companyName: '' },
                  cookie: cookies.carol,
                  headers: { origin: value },
                })
              : await trpc('admin', 'impersonation.start', {
                  input: { coworkerId: runtime.ids.bob },
                  cookie: cookies.ownerAdmin,
                  headers: { origin: value },
                });
          tally.add(answer.code);
          expect(answer.code, `Origin ${value}`).toBe('FORBIDDEN');
        }),
        { numRuns: 50 },
      );
    } finally {
      recordAttack('arbitrary foreign Origin values on a cookie mutation (fast-check)', tally);
    }
  });

  it('same-origin requests are let through (the check is not simply "refuse everything")', async () => {
    const tally = new Tally();
    for (const [label, headers] of [
      ['own Origin', { origin: origins.portal }],
      ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
      ['Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
      ['no Origin, no Sec-Fetch-Site (not a browser)', {}],
    ] as Array<[string, Record<string, string>]>) {
      const portal = await trpc('portal', 'profiles.updateDetails', {
        input: { fullName: 'Carol Chen', companyName: '' },
        cookie: cookies.carol,
        headers,
      });
      const admin = await trpc('admin', 'impersonation.revoke', {
        input: { impersonationId: '00000000-0000-4000-8000-000000000000' },
        cookie: cookies.ownerAdmin,
        headers: 'origin' in headers ? { origin: origins.admin } : headers,
      });
      tally.add(`portal ${portal.code}`);
      tally.add(`admin ${admin.code}`);
      expect(portal.code, label).toBe('OK');
      expect(admin.code, label).toBe('NOT_FOUND');
    }
    recordAttack('control: same-origin mutations (must pass the check)', tally);
  });

  it('mutations over GET, text/plain bodies and batches are refused too', async () => {
    const { db } = await getRuntime();
    const before = await db.coworker.findUniqueOrThrow({
      where: { id: runtime.ids.alice },
      select: { fullName: true },
    });
    const tally = new Tally();
    const viaGet = await trpc('portal', 'profiles.updateDetails', {
      method: 'GET',
      input: { fullName: 'Forged via GET', companyName: '' },
      cookie: cookies.alice,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    tally.add(`GET ${viaGet.status}`);
    const textPlain = await trpc('portal', 'profiles.updateDetails', {
      input: { fullName: 'Forged text/plain', companyName: '' },
      cookie: cookies.alice,
      contentType: 'text/plain',
      headers: { origin: 'https://evil.example' },
    });
    tally.add(`text/plain ${textPlain.code}`);
    const batch = await handlePortalTrpcRequest(
      new Request(`${origins.portal}/api/trpc/profiles.updateDetails,session.signOut?batch=1`, {
        method: 'POST',
        headers: {
          cookie: cookies.alice,
          origin: 'https://evil.example',
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          0: superjson.serialize({ fullName: 'Forged batch', companyName: '' }),
          1: superjson.serialize(undefined),
        }),
      }),
    );
    const batchCodes = (
      JSON.parse(await batch.text()) as Array<{ error?: { json?: { data?: { code?: string } } } }>
    ).map((item) => item.error?.json?.data?.code ?? 'OK');
    for (const code of batchCodes) tally.add(`batch ${code}`);
    // A cross-site read (a query) is answered, but never with CORS headers that would let a page read it.
    const read = await trpc('portal', 'me', {
      cookie: cookies.alice,
      headers: { origin: 'https://evil.example' },
    });
    tally.add(
      `cross-site query ${read.code}, ACAO ${read.headers.get('access-control-allow-origin') ?? 'none'}`,
    );
    recordAttack('mutation via GET / text/plain / batch; CORS on a cross-site read', tally);
    expect(viaGet.code).not.toBe('OK');
    expect(['FORBIDDEN', 'UNSUPPORTED_MEDIA_TYPE']).toContain(textPlain.code);
    expect(batchCodes).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    expect(
      await db.coworker.findUniqueOrThrow({
        where: { id: runtime.ids.alice },
        select: { fullName: true },
      }),
    ).toEqual(before);
    expect((await trpc('portal', 'me', { cookie: cookies.alice })).data).not.toBeNull();
  });
});
