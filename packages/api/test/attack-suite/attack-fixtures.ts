import { expect } from 'vitest';

import { type ApiTestHarness, type SignedIn } from '../support/api-test-harness';
import { jtiOf } from '../support/impersonation-flow';

/** The demo data's ids (DESIGN.md), looked up once per harness. */
export async function demoIds(h: ApiTestHarness) {
  const location = (webAddress: string) =>
    h.db.location.findUniqueOrThrow({ where: { webAddress }, select: { id: true } });
  const team = (name: string) =>
    h.db.team.findFirstOrThrow({ where: { name }, select: { id: true } });
  return {
    downtown: (await location('downtown')).id,
    riverside: (await location('riverside')).id,
    acme: (await team('Acme')).id,
    rivet: (await team('Rivet')).id,
    alice: await h.coworkerIdOf('alice@example.com'),
    bob: await h.coworkerIdOf('bob@example.com'),
    carolDowntown: await h.coworkerIdOf('carol@example.com'),
    carolRiverside: await h.coworkerIdOf('carol@example.com', 'riverside'),
    dave: await h.coworkerIdOf('dave@example.com'),
    erin: await h.coworkerIdOf('erin@example.com', 'riverside'),
    frank: await h.coworkerIdOf('frank@example.com'),
  };
}

export { memberPermissions, memberPermissionsBody } from '../support/team-fixtures';

export type DemoIds = Awaited<ReturnType<typeof demoIds>>;

/** A one-time token from the operator endpoint; fails loudly when the grant is refused. */
export async function grantToken(
  h: ApiTestHarness,
  operator: SignedIn,
  coworkerId: number,
  extras: Record<string, string> = {},
): Promise<string> {
  const grant = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: operator.accessToken,
    query: { coworkerId, ...extras },
  });
  expect(grant.status, `grant refused: ${grant.text}`).toBe(200);
  return String(grant.json?.token);
}

export function exchange(
  h: ApiTestHarness,
  token: string,
  validForInMinutes: number | string = 30,
) {
  return h.rest('POST', '/api/sys/users/exchange', { query: { token, validForInMinutes } });
}

/** Exchanges a token that must work and returns the impersonated session's tokens. */
export async function exchangeOk(h: ApiTestHarness, token: string) {
  const answer = await exchange(h, token);
  expect(answer.status, `exchange refused: ${answer.text}`).toBe(200);
  return {
    impersonationId: jtiOf(token),
    accessToken: String(answer.json?.token),
    refreshToken: String(answer.json?.refresh_token),
    expiresIn: Number(answer.json?.expires_in),
  };
}

/**
 * An impersonated session in the given mode. The grant goes through the real endpoints in
 * read-only mode; full mode is then set on the grant row, so these attacks do not depend on
 * how full mode is obtained (reason, re-authentication, location policy).
 */
export async function impersonatedSession(
  h: ApiTestHarness,
  operator: SignedIn,
  coworkerId: number,
  mode: 'READ_ONLY' | 'FULL',
) {
  const session = await exchangeOk(h, await grantToken(h, operator, coworkerId));
  if (mode === 'FULL') {
    await h.db.impersonation.update({
      where: { id: session.impersonationId },
      data: { mode: 'FULL' },
    });
  }
  return { ...session, actor: await h.actorOf(session.accessToken) };
}

export { trpcCode } from '../support/trpc-test-context';

/** Follows a dotted procedure path ("coworkers.search") on a tRPC caller. */
export function procedureAt(
  caller: unknown,
  dottedPath: string,
): (input?: unknown) => Promise<unknown> {
  let node = caller as Record<string, unknown>;
  for (const part of dottedPath.split('.')) node = node[part] as Record<string, unknown>;
  return node as unknown as (input?: unknown) => Promise<unknown>;
}

/** Every procedure of a router with its type and meta, new ones included automatically. */
export function proceduresOf(router: { _def: { procedures: object } }) {
  return Object.entries(
    router._def.procedures as Record<
      string,
      {
        _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { allowInReadOnly?: boolean } };
      }
    >,
  ).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    allowInReadOnly: procedure._def.meta?.allowInReadOnly === true,
  }));
}
