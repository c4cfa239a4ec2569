import { describe, expect, it } from 'vitest';

import { handleJwksRequest, handleRestRequest } from '../../src/rest';
import { getRuntime } from '../../src/runtime';
import { origins, trpc, useAppRuntime, type App } from './app-runtime';
import { recordAttack, Tally } from './attack-log';

/**
 * Audiences and transports: each app accepts only its own sessions (by cookie or bearer), and
 * the REST contract ignores cookies entirely, so a cross-site request can never use one.
 */

const runtime = useAppRuntime();
const { cookies, tokens } = runtime;

describe('audiences: each app accepts its own sessions only', () => {
  it('admin sessions on the portal and portal sessions on the admin app, by cookie or bearer', async () => {
    const tally = new Tally();
    const attempts: Array<[string, App, string, { cookie?: string; bearer?: string }]> = [
      [
        'admin cookie sent to the portal',
        'portal',
        'profiles.list',
        { cookie: cookies.ownerAdmin },
      ],
      [
        'admin token in the portal cookie',
        'portal',
        'profiles.list',
        { cookie: `hotdesk_portal_session=${tokens.ownerAdmin}` },
      ],
      [
        'admin token in the portal impersonation cookie',
        'portal',
        'profiles.list',
        { cookie: `hotdesk_portal_impersonation=${tokens.ownerAdmin}` },
      ],
      ['admin token as a portal bearer', 'portal', 'teams.mine', { bearer: tokens.ownerAdmin }],
      [
        'portal cookie sent to the admin app',
        'admin',
        'coworkers.search',
        { cookie: cookies.alice },
      ],
      [
        'portal token in the admin cookie',
        'admin',
        'coworkers.search',
        { cookie: `hotdesk_admin_session=${tokens.alice}` },
      ],
      [
        'impersonated session in the admin cookie',
        'admin',
        'audit.list',
        { cookie: `hotdesk_admin_session=${tokens.impersonation}` },
      ],
      [
        'portal token as an admin bearer',
        'admin',
        'impersonation.active',
        { bearer: tokens.alice },
      ],
      [
        'impersonated session as an admin bearer',
        'admin',
        'coworkers.search',
        { bearer: tokens.impersonation },
      ],
    ];
    const wrong: string[] = [];
    for (const [label, app, path, auth] of attempts) {
      const answer = await trpc(app, path, { input: {}, ...auth });
      const me = await trpc(app, 'me', auth);
      tally.add(`${answer.code}, me ${me.data === null ? 'null' : 'SOMEONE'}`);
      if (answer.code !== 'UNAUTHORIZED' || me.data !== null)
        wrong.push(`${label} → ${answer.code}, me ${JSON.stringify(me.data)}`);
    }
    const restWithAdminToken = await handleRestRequest(
      new Request(`${origins.portal}/api/public/coworkers/profiles`, {
        headers: { authorization: `Bearer ${tokens.ownerAdmin}` },
      }),
    );
    tally.add(`REST with an admin token ${restWithAdminToken.status}`);
    recordAttack(
      'cross-audience sessions (admin ↔ portal, cookie / bearer / impersonation cookie)',
      tally,
    );
    expect(wrong).toEqual([]);
    expect(restWithAdminToken.status).toBe(401);
  });
});

describe('the REST contract ignores cookies', () => {
  it('a cookie alone never authenticates a REST call, and a cross-site GET grants nothing', async () => {
    const { db } = await getRuntime();
    const grantsBefore = await db.impersonation.count();
    const everyCookie = `${cookies.alice}; ${cookies.impersonation}; ${cookies.ownerAdmin}`;
    const routes: Array<[string, string]> = [
      ['GET', `/api/sys/users/impersonate?coworkerId=${runtime.ids.bob}`],
      ['GET', `/api/public/coworkers/${runtime.ids.bob}/impersonate`],
      ['GET', '/api/public/coworkers/profiles'],
      ['PUT', `/api/public/coworkers/profiles/current?coworkerId=${runtime.ids.alice}`],
      ['GET', '/api/public/teams/my'],
      ['PUT', `/api/public/teams/${runtime.ids.acme}/permissions/${runtime.ids.bob}`],
    ];
    const tally = new Tally();
    for (const [method, path] of routes) {
      for (const headers of [
        { cookie: everyCookie } as Record<string, string>,
        { cookie: everyCookie, origin: origins.portal, 'sec-fetch-site': 'same-origin' },
        { cookie: everyCookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      ]) {
        const response = await handleRestRequest(
          new Request(`${origins.portal}${path}`, {
            method,
            headers: { ...headers, 'content-type': 'application/json' },
            body: method === 'PUT' ? JSON.stringify({ IsTeamAdministrator: true }) : undefined,
          }),
        );
        tally.add(response.status);
        expect(response.status, `${method} ${path}`).toBe(401);
      }
    }
    recordAttack('REST routes with session cookies and no Authorization header', tally);
    expect(await db.impersonation.count()).toBe(grantsBefore);
    const jwks = (await (await handleJwksRequest()).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys.every((key) => !('d' in key))).toBe(true);
  });
});
