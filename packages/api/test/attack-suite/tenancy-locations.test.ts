import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Actor } from '../../src/sessions/actor';
import { type ApiTestHarness, type SignedIn } from '../support/api-test-harness';
import { recordAttack, Tally } from './attack-log';
import { trpcCode, type DemoIds } from './attack-fixtures';
import { adminCaller, buildTenancyWorld, withoutId, type TenancyWorld } from './tenancy-world';

/**
 * The location is the tenant boundary: an operator of one location sees, lists, exports and
 * revokes nothing of another, and a refusal never tells "exists elsewhere" from "does not exist".
 */

let w: TenancyWorld;
let h: ApiTestHarness;
let ids: DemoIds;
let owner: SignedIn;
let downtownAdmin: SignedIn;
let riversideAdmin: SignedIn;
let ownerActor: Actor;
let riversideActor: Actor;
let downtownActor: Actor;
let downtownIds: number[];
let riversideIds: number[];
let unknownIds: number[];
let zeta: number;
let downtownImpersonationId: string;

beforeAll(async () => {
  w = await buildTenancyWorld();
  ({
    h,
    ids,
    owner,
    downtownAdmin,
    riversideAdmin,
    ownerActor,
    riversideActor,
    downtownActor,
    downtownIds,
    riversideIds,
    unknownIds,
    zeta,
    downtownImpersonationId,
  } = w);
}, 120_000);

afterAll(async () => {
  await w?.h.close();
});

const admin = (actor: Actor) => adminCaller(w.h, actor);

describe('operators across locations', () => {
  it('Riverside admin → every Downtown coworker id on the REST operator endpoint: 404, like an unknown id', async () => {
    const tally = new Tally();
    const bodies = new Set<string>();
    for (const id of [...downtownIds, ...unknownIds]) {
      const answer = await h.rest('GET', '/api/sys/users/impersonate', {
        bearer: riversideAdmin.accessToken,
        query: { coworkerId: id },
      });
      tally.add(answer.status);
      expect(answer.status, `coworker ${id}: ${answer.text}`).toBe(404);
      bodies.add(`${answer.json?.error} ${withoutId(answer.json?.message, id)}`);
    }
    recordAttack(
      `Riverside operator → all ${downtownIds.length} Downtown ids + ${unknownIds.length} unknown (REST)`,
      {
        tried: tally.tried,
        outcome: `${tally.summary()}; ${bodies.size} distinct body`,
      },
    );
    expect(bodies.size, [...bodies].join(' | ')).toBe(1);
  });

  it('Downtown admin → every Riverside coworker id: 404, like an unknown id', async () => {
    const tally = new Tally();
    const bodies = new Set<string>();
    for (const id of [...riversideIds, ...unknownIds.slice(0, 2)]) {
      const answer = await h.rest('GET', '/api/sys/users/impersonate', {
        bearer: downtownAdmin.accessToken,
        query: { coworkerId: id },
      });
      tally.add(answer.status);
      bodies.add(`${answer.status} ${withoutId(answer.json?.message, id)}`);
    }
    recordAttack(`Downtown operator → all ${riversideIds.length} Riverside ids (REST)`, {
      tried: tally.tried,
      outcome: `${tally.summary()}; ${bodies.size} distinct body`,
    });
    expect(tally.count(404)).toBe(tally.tried);
    expect(bodies.size).toBe(1);
  });

  it('Riverside admin → Downtown detail and impersonation history through tRPC: NOT_FOUND, like an unknown id', async () => {
    const tally = new Tally();
    const messages = new Set<string>();
    for (const id of [...downtownIds, ...unknownIds]) {
      for (const call of [
        () => admin(riversideActor).coworkers.detail({ coworkerId: id }),
        () => admin(riversideActor).impersonation.ofCustomer({ coworkerId: id }),
      ]) {
        try {
          await call();
          tally.add('OK');
        } catch (error) {
          tally.add((error as { code?: string }).code ?? 'error');
          messages.add(withoutId((error as Error).message, id));
        }
      }
    }
    recordAttack(
      'Riverside operator → Downtown coworkers.detail / impersonation.ofCustomer (tRPC)',
      {
        tried: tally.tried,
        outcome: `${tally.summary()}; ${messages.size} distinct message`,
      },
    );
    expect(tally.count('NOT_FOUND')).toBe(tally.tried);
    expect(messages.size).toBe(1);
  });

  it('customer search: what Riverside sees is exactly the owner’s Riverside slice, whatever the filter', async () => {
    const tally = new Tally();
    const search = fc.record(
      {
        query: fc.constantFrom(
          'a',
          'Alice',
          'bob',
          'example.com',
          'Extra',
          'downtown',
          'erin',
          '%',
          '_',
          "'",
          '',
        ),
        locationId: fc.constantFrom(ids.downtown, ids.riverside),
        status: fc.constantFrom('active' as const, 'inactive' as const),
        teamId: fc.constantFrom(ids.acme, ids.rivet, zeta),
        sort: fc.constantFrom('name' as const, 'email' as const, 'created' as const),
        direction: fc.constantFrom('asc' as const, 'desc' as const),
        pageSize: fc.integer({ min: 1, max: 100 }),
      },
      { requiredKeys: [] },
    );
    try {
      await fc.assert(
        fc.asyncProperty(search, async (input) => {
          const seen = await admin(riversideActor).coworkers.search(input);
          const expected =
            input.locationId === ids.downtown
              ? { rows: [], total: 0, totalIsCapped: false }
              : await admin(ownerActor).coworkers.search({ ...input, locationId: ids.riverside });
          tally.add(
            seen.rows.some((row) => row.location.id !== ids.riverside) ? 'LEAK' : 'riverside only',
          );
          expect(seen.rows.map((row) => row.id)).toEqual(expected.rows.map((row) => row.id));
          expect([seen.total, seen.totalIsCapped]).toEqual([
            expected.total,
            expected.totalIsCapped,
          ]);
        }),
        { numRuns: 40 },
      );
    } finally {
      recordAttack(
        'coworkers.search by Riverside operator vs owner’s Riverside slice (fast-check)',
        tally,
      );
    }
    expect(await admin(riversideActor).coworkers.teams({ locationId: ids.downtown })).toEqual([]);
    const teams = await admin(riversideActor).coworkers.teams({});
    expect(teams.every((team) => team.locationId === ids.riverside)).toBe(true);
  });

  it('audit log, CSV export and chart: Riverside sees exactly the owner’s Riverside events', async () => {
    const tally = new Tally();
    const filter = fc.record(
      {
        type: fc.constantFrom(
          'IMPERSONATION_GRANTED' as const,
          'IMPERSONATION_EXCHANGED' as const,
          'IMPERSONATION_DENIED' as const,
          'SIGN_IN' as const,
        ),
        actorUserId: fc.constantFrom(
          downtownAdmin.actor.userId!,
          riversideAdmin.actor.userId!,
          owner.actor.userId!,
        ),
        targetCoworkerId: fc.constantFrom(ids.bob, ids.erin, ids.carolDowntown, ids.carolRiverside),
        customer: fc.constantFrom('Bob', 'Erin', 'Carol', 'example.com'),
        actor: fc.constantFrom('Dana', 'Rita', 'Olivia', 'hotdesk.test'),
        locationId: fc.constantFrom(ids.downtown, ids.riverside),
      },
      { requiredKeys: [] },
    );
    try {
      await fc.assert(
        fc.asyncProperty(filter, async (input) => {
          const seen = await admin(riversideActor).audit.list({ ...input, pageSize: 100 });
          const expected =
            input.locationId === ids.downtown
              ? { rows: [], total: 0 }
              : await admin(ownerActor).audit.list({
                  ...input,
                  locationId: ids.riverside,
                  pageSize: 100,
                });
          tally.add(
            seen.rows.some((row) => row.location?.id !== ids.riverside) ? 'LEAK' : 'riverside only',
          );
          expect(seen.rows.map((row) => row.id)).toEqual(expected.rows.map((row) => row.id));
          expect(seen.total).toBe(expected.total);
        }),
        { numRuns: 40 },
      );
    } finally {
      recordAttack(
        'audit.list by Riverside operator vs owner’s Riverside slice (fast-check)',
        tally,
      );
    }
    const { csv } = await admin(riversideActor).audit.exportCsv({});
    for (const downtownOnly of [
      'bob@example.com',
      'alice@example.com',
      'Downtown Hub',
      'Downtown Extra',
      'admin@downtown',
    ]) {
      expect(csv, `the Riverside export mentions ${downtownOnly}`).not.toContain(downtownOnly);
    }
    const perDay = await admin(riversideActor).audit.impersonationsPerDay({ days: 30 });
    const riversideExchanges = await h.db.auditEvent.count({
      where: { type: 'IMPERSONATION_EXCHANGED', locationId: ids.riverside },
    });
    expect(perDay.reduce((sum, day) => sum + day.count, 0)).toBe(riversideExchanges);
  });

  it('impersonation lists and revoke: Downtown grants are invisible and untouchable from Riverside', async () => {
    const active = await admin(riversideActor).impersonation.active({});
    const scoped = await admin(riversideActor).impersonation.active({ locationId: ids.downtown });
    const revoke = await trpcCode(
      admin(riversideActor).impersonation.revoke({ impersonationId: downtownImpersonationId }),
    );
    const stillOpen = await h.db.impersonation.findUniqueOrThrow({
      where: { id: downtownImpersonationId },
    });
    recordAttack('Riverside operator lists / revokes a Downtown impersonation', {
      tried: 3,
      outcome: `active ${active.filter((row) => row.location.id !== ids.riverside).length} foreign rows, scoped ${scoped.length}, revoke ${revoke}, grant ${stillOpen.endedAt ? 'ENDED' : 'untouched'}`,
    });
    expect(active.every((row) => row.location.id === ids.riverside)).toBe(true);
    expect(scoped).toEqual([]);
    expect(revoke).toBe('NOT_FOUND');
    expect(stillOpen.endedAt).toBeNull();
    // The Downtown admin may, which shows the refusal above was about scope.
    expect(
      await trpcCode(admin(downtownActor).impersonation.ofCustomer({ coworkerId: ids.bob })),
    ).toBe('OK');
  });
});
