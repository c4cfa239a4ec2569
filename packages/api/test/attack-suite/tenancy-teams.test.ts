import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Actor } from '../../src/sessions/actor';
import { type ApiTestHarness, type SignedIn } from '../support/api-test-harness';
import { recordAttack, Tally } from './attack-log';
import { trpcCode, type DemoIds } from './attack-fixtures';
import { buildTenancyWorld, portalCaller, type TenancyWorld } from './tenancy-world';

/**
 * The team is the team administrator's boundary, and the profile the member's: no team right
 * reaches another team or location, and no member reaches a profile that is not theirs.
 */

let w: TenancyWorld;
let h: ApiTestHarness;
let ids: DemoIds;
let alice: SignedIn;
let downtownIds: number[];
let riversideIds: number[];
let unknownIds: number[];
let zeta: number;

beforeAll(async () => {
  w = await buildTenancyWorld();
  ({ h, ids, alice, downtownIds, riversideIds, unknownIds, zeta } = w);
}, 120_000);

afterAll(async () => {
  await w?.h.close();
});

const portal = (actor: Actor) => portalCaller(w.h, actor);

describe('team administrators across teams and locations', () => {
  it('alice (Acme) → every coworker outside Acme: the same 404 as an unknown id', async () => {
    const acmeMembers = new Set(
      (
        await h.db.teamMember.findMany({
          where: { teamId: ids.acme },
          select: { coworkerId: true },
        })
      ).map((m) => m.coworkerId),
    );
    const outside = [...downtownIds, ...riversideIds].filter((id) => !acmeMembers.has(id));
    const tally = new Tally();
    const answers = new Set<string>();
    for (const id of [...outside, ...unknownIds]) {
      const answer = await h.rest('GET', `/api/public/coworkers/${id}/impersonate`, {
        bearer: alice.accessToken,
      });
      tally.add(answer.status);
      // The id is echoed back; apart from it, the answer must not depend on who the id is.
      answers.add(`${answer.status} ${String(answer.json?.message).replace(String(id), '{id}')}`);
      expect(answer.status, `coworker ${id}`).toBe(404);
    }
    recordAttack(`team admin → ${outside.length} coworkers of other teams / locations (REST)`, {
      tried: tally.tried,
      outcome: `${tally.summary()}; ${answers.size} distinct answer`,
    });
    // Suspended, staff and unknown outsiders are answered exactly like everyone else outside.
    expect([...answers]).toEqual(['404 No member with id {id} in a team you administer.']);
  });

  it('a member who administers no team learns nothing about any id: 403 for all', async () => {
    const carol = await h.signIn('carol@example.com');
    const tally = new Tally();
    const answers = new Set<string>();
    for (const id of [...downtownIds, ...riversideIds, ...unknownIds]) {
      const answer = await h.rest('GET', `/api/public/coworkers/${id}/impersonate`, {
        bearer: carol.accessToken,
      });
      tally.add(answer.status);
      answers.add(`${answer.status} ${String(answer.json?.message)}`);
    }
    recordAttack('member without a team probes coworker ids on the team endpoint (REST)', tally);
    expect(answers.size).toBe(1);
    expect([...answers][0]).toMatch(/^403 /);
  });

  it('alice changes permissions in teams she does not run: 403 / 404, and nothing changes', async () => {
    const before = await h.db.teamMember.findMany({ orderBy: { id: 'asc' } });
    const body = {
      IsTeamAdministrator: true,
      CanMakeBookings: true,
      CanBookForTeam: true,
      CanPurchaseProducts: true,
      CanPurchaseEvents: true,
      CanAccessCommunity: true,
    };
    const zetaMember = (
      await h.db.teamMember.findFirstOrThrow({ where: { teamId: zeta, isAdministrator: false } })
    ).coworkerId;
    const attempts: Array<[string, number, number, number]> = [
      ['Rivet (Riverside) / erin', ids.rivet, ids.erin, 403],
      ['Zeta (Downtown) / its member', zeta, zetaMember, 403],
      ['Acme / erin (not a member)', ids.acme, ids.erin, 404],
      ['Acme / unknown', ids.acme, unknownIds[0]!, 404],
      ['unknown team / bob', unknownIds[0]!, ids.bob, 404],
    ];
    const tally = new Tally();
    for (const [label, teamId, memberId, expected] of attempts) {
      const answer = await h.rest('PUT', `/api/public/teams/${teamId}/permissions/${memberId}`, {
        bearer: alice.accessToken,
        body,
      });
      tally.add(answer.status);
      expect(answer.status, label).toBe(expected);
    }
    const aliceActor = alice.actor;
    for (const call of [
      () => portal(aliceActor).teams.administered({ teamId: ids.rivet }),
      () => portal(aliceActor).teams.administered({ teamId: zeta }),
      () =>
        portal(aliceActor).teams.updatePermissions({
          teamId: zeta,
          memberId: zetaMember,
          permissions: {
            isTeamAdministrator: true,
            canMakeBookings: true,
            canBookForTeam: true,
            canPurchaseProducts: true,
            canPurchaseEvents: true,
            canAccessCommunity: true,
          },
        }),
    ]) {
      const code = await trpcCode(call());
      tally.add(code);
      expect(code).toBe('FORBIDDEN');
    }
    recordAttack('team admin edits / reads teams she does not administer (REST + tRPC)', tally);
    expect(await h.db.teamMember.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('a team right belongs to a profile: carol, Rivet admin through her Riverside profile, acting from Downtown', async () => {
    await h.db.teamMember.create({
      data: { teamId: ids.rivet, coworkerId: ids.carolRiverside, isAdministrator: true },
    });
    const carol = await h.signIn('carol@example.com');
    const downtownProfile = await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: carol.accessToken,
      query: { coworkerId: ids.carolDowntown },
    });
    expect(downtownProfile.status).toBe(200);
    const fromDowntown = await h.rest('GET', `/api/public/coworkers/${ids.erin}/impersonate`, {
      bearer: carol.accessToken,
    });
    await h.rest('PUT', '/api/public/coworkers/profiles/current', {
      bearer: carol.accessToken,
      query: { coworkerId: ids.carolRiverside },
    });
    const fromRiverside = await h.rest('GET', `/api/public/coworkers/${ids.erin}/impersonate`, {
      bearer: carol.accessToken,
    });
    recordAttack('team right used from the member’s other profile (other location)', {
      tried: 2,
      outcome: `from the Downtown profile ${fromDowntown.status}, from the Riverside profile ${fromRiverside.status}`,
    });
    expect(fromDowntown.status).toBe(403);
    expect(fromRiverside.status).toBe(200);
  });

  it('a member switches to every profile that is not hers: 404, and her current profile stays', async () => {
    const tally = new Tally();
    for (const id of [...downtownIds, ...riversideIds, ...unknownIds]) {
      if (id === ids.alice) continue;
      const answer = await h.rest('PUT', '/api/public/coworkers/profiles/current', {
        bearer: alice.accessToken,
        query: { coworkerId: id },
      });
      tally.add(answer.status);
      expect(answer.status, `coworker ${id}`).toBe(404);
    }
    recordAttack('member switches to someone else’s profile (every id)', tally);
    expect((await h.actorOf(alice.accessToken)).coworkerId).toBe(ids.alice);
    const activity = await portal(alice.actor).impersonation.accountActivity();
    expect(activity.every((row) => row.target.id === ids.alice)).toBe(true);
  });
});
