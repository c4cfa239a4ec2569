import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { memberPermissionsBody } from '../../test/support/team-fixtures';

let h: ApiTestHarness;
let downtownId: number;
let acme: number;
let alice: number;
let bob: number;
let carol: number;
let frank: number;
let aliceBearer: string;
let bobBearer: string;

beforeAll(async () => {
  h = await startApiTestHarness();
  downtownId = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } })).id;
  acme = (await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } })).id;
  alice = await h.coworkerIdOf('alice@example.com');
  bob = await h.coworkerIdOf('bob@example.com');
  carol = await h.coworkerIdOf('carol@example.com');
  frank = await h.coworkerIdOf('frank@example.com');
  // Three more teams for frank, to page through.
  for (const name of ['Gamma', 'Alpha', 'Beta']) {
    await h.db.team.create({
      data: { locationId: downtownId, name, members: { create: { coworkerId: frank } } },
    });
  }
  aliceBearer = (await h.signIn('alice@example.com')).accessToken;
  bobBearer = (await h.signIn('bob@example.com')).accessToken;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const myTeams = (bearer: string | undefined, query: Record<string, string | number> = {}) =>
  h.rest('GET', '/api/public/teams/my', { ...(bearer === undefined ? {} : { bearer }), query });

const putPermissions = (
  bearer: string | undefined,
  teamId: number | string,
  memberId: number | string,
  body: unknown,
) =>
  h.rest('PUT', `/api/public/teams/${teamId}/permissions/${memberId}`, {
    ...(bearer === undefined ? {} : { bearer }),
    body,
  });

const membership = (coworkerId: number) =>
  h.db.teamMember.findUniqueOrThrow({ where: { teamId_coworkerId: { teamId: acme, coworkerId } } });

describe('GET /api/public/teams/my', () => {
  it('shows alice her team Acme with members, administrators and the paging fields', async () => {
    const response = await myTeams(aliceBearer);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      Records: [
        {
          Id: acme,
          Name: 'Acme',
          TeamMembers: [alice, bob],
          TeamAdministrators: [alice],
          AllTeamMembers: [
            {
              Id: alice,
              FullName: 'Alice Anderson',
              Email: 'alice@example.com',
              IsTeamAdministrator: true,
            },
            {
              Id: bob,
              FullName: 'Bob Brown',
              Email: 'bob@example.com',
              IsTeamAdministrator: false,
            },
          ],
        },
      ],
      CurrentPage: 1,
      CurrentPageSize: 1,
      PageNumber: 1,
      PageSize: 25,
      TotalItems: 1,
      TotalPages: 1,
      HasNextPage: false,
      HasPreviousPage: false,
      FirstItem: 1,
      LastItem: 1,
      CurrentOrderField: 'Name',
      CurrentSortDirection: 'Ascending',
    });
  });

  it('filters on isTeamAdmin', async () => {
    const names = async (bearer: string, isTeamAdmin: string) =>
      ((await myTeams(bearer, { isTeamAdmin })).json?.Records as Array<{ Name: string }>).map(
        (team) => team.Name,
      );
    expect(await names(aliceBearer, 'true')).toEqual(['Acme']);
    expect(await names(bobBearer, 'true')).toEqual([]);
    expect(await names(bobBearer, 'false')).toEqual(['Acme']);
  });

  it('shows a member without a team an empty page', async () => {
    const carolSession = await h.signIn('carol@example.com');
    const response = await myTeams(carolSession.accessToken);
    expect(response.json).toMatchObject({
      Records: [],
      TotalItems: 0,
      TotalPages: 0,
      HasNextPage: false,
      FirstItem: 0,
      LastItem: 0,
    });
  });

  it('pages by name with _page and _pageSize', async () => {
    const frankBearer = (await h.signIn('frank@example.com')).accessToken;
    const first = await myTeams(frankBearer, { _page: 1, _pageSize: 2 });
    expect((first.json?.Records as Array<{ Name: string }>).map((team) => team.Name)).toEqual([
      'Alpha',
      'Beta',
    ]);
    expect(first.json).toMatchObject({
      TotalItems: 3,
      TotalPages: 2,
      HasNextPage: true,
      HasPreviousPage: false,
      FirstItem: 1,
      LastItem: 2,
    });

    const second = await myTeams(frankBearer, { _page: 2, _pageSize: 2 });
    expect((second.json?.Records as Array<{ Name: string }>).map((team) => team.Name)).toEqual([
      'Gamma',
    ]);
    expect(second.json).toMatchObject({
      CurrentPage: 2,
      CurrentPageSize: 1,
      PageSize: 2,
      TotalItems: 3,
      HasNextPage: false,
      HasPreviousPage: true,
      FirstItem: 3,
      LastItem: 3,
    });
  });

  it.each([
    ['_pageSize', '101'],
    ['_pageSize', '0'],
    ['_page', '0'],
    ['_page', 'two'],
    ['isTeamAdmin', 'yes'],
  ])('answers 400 naming %s for %j', async (field, value) => {
    const response = await myTeams(aliceBearer, { [field]: value });
    expect(response.status).toBe(400);
    expect(response.json?.field).toBe(field);
  });

  it('accepts _pageSize=100, and answers 401 without a bearer', async () => {
    expect((await myTeams(aliceBearer, { _pageSize: 100 })).status).toBe(200);
    expect((await myTeams(undefined)).status).toBe(401);
  });
});

describe('PUT /api/public/teams/{teamId}/permissions/{memberId}', () => {
  beforeEach(async () => {
    await h.db.teamMember.update({
      where: { teamId_coworkerId: { teamId: acme, coworkerId: bob } },
      data: {
        isAdministrator: false,
        canMakeBookings: true,
        canBookForTeam: false,
        canPurchaseProducts: true,
        canPurchaseEvents: true,
        canAccessCommunity: true,
        accessCardId: null,
      },
    });
  });

  it('lets alice change bob’s flags: 200 with an empty body, stored, and audited', async () => {
    const body = {
      IsTeamAdministrator: false,
      CanMakeBookings: false,
      CanBookForTeam: true,
      CanPurchaseProducts: false,
      CanPurchaseEvents: true,
      CanAccessCommunity: false,
      AccessCardId: 'CARD-0042',
    };
    const response = await putPermissions(aliceBearer, acme, bob, body);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');

    expect(await membership(bob)).toMatchObject({
      isAdministrator: false,
      canMakeBookings: false,
      canBookForTeam: true,
      canPurchaseProducts: false,
      canPurchaseEvents: true,
      canAccessCommunity: false,
      accessCardId: 'CARD-0042',
    });
    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'TEAM_PERMISSIONS_UPDATED', targetCoworkerId: bob },
      orderBy: { id: 'desc' },
    });
    const aliceUser = await h.db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    expect(event).toMatchObject({
      actorUserId: aliceUser.id,
      actorCoworkerId: alice,
      locationId: downtownId,
      impersonationId: null,
    });
  });

  it('makes bob an administrator, which shows in the team list', async () => {
    expect(
      (
        await putPermissions(aliceBearer, acme, bob, {
          ...memberPermissionsBody,
          IsTeamAdministrator: true,
        })
      ).status,
    ).toBe(200);
    const teams = await myTeams(bobBearer, { isTeamAdmin: 'true' });
    expect(teams.json?.Records).toEqual([
      expect.objectContaining({ Id: acme, TeamAdministrators: [alice, bob] }),
    ]);
  });

  it('lets alice change her own flags as long as she stays administrator', async () => {
    const response = await putPermissions(aliceBearer, acme, alice, {
      ...memberPermissionsBody,
      IsTeamAdministrator: true,
      CanBookForTeam: true,
    });
    expect(response.status).toBe(200);
    expect(await membership(alice)).toMatchObject({ isAdministrator: true, canBookForTeam: true });
  });

  it('refuses alice removing her own administrator flag with 400, and nothing changes', async () => {
    const response = await putPermissions(aliceBearer, acme, alice, memberPermissionsBody);
    expect(response.status).toBe(400);
    expect(response.json?.field).toBe('IsTeamAdministrator');
    expect((await membership(alice)).isAdministrator).toBe(true);
  });

  it('answers 403 to bob, a plain member, and nothing changes', async () => {
    const response = await putPermissions(bobBearer, acme, bob, {
      ...memberPermissionsBody,
      IsTeamAdministrator: true,
    });
    expect(response.status).toBe(403);
    expect((await membership(bob)).isAdministrator).toBe(false);
  });

  it('answers 403 to an administrator of another team', async () => {
    const rivet = (await h.db.team.findFirstOrThrow({ where: { name: 'Rivet' } })).id;
    const erin = await h.coworkerIdOf('erin@example.com', 'riverside');
    expect((await putPermissions(aliceBearer, rivet, erin, memberPermissionsBody)).status).toBe(
      403,
    );
  });

  it('answers 404 for an unknown team and for someone who is not a member', async () => {
    expect((await putPermissions(aliceBearer, 999_999, bob, memberPermissionsBody)).status).toBe(
      404,
    );
    expect((await putPermissions(aliceBearer, acme, carol, memberPermissionsBody)).status).toBe(
      404,
    );
    expect((await putPermissions(aliceBearer, acme, 999_999, memberPermissionsBody)).status).toBe(
      404,
    );
  });

  it('answers 401 without a bearer', async () => {
    expect((await putPermissions(undefined, acme, bob, memberPermissionsBody)).status).toBe(401);
  });

  it.each([
    [
      'a missing flag',
      'CanMakeBookings',
      (() => {
        const { CanMakeBookings: _dropped, ...rest } = memberPermissionsBody;
        return rest;
      })(),
    ],
    [
      'a flag that is a string',
      'CanBookForTeam',
      { ...memberPermissionsBody, CanBookForTeam: 'true' },
    ],
    [
      'an AccessCardId of 16 characters',
      'AccessCardId',
      { ...memberPermissionsBody, AccessCardId: 'A'.repeat(16) },
    ],
    ['a body that is not JSON', 'body', '{"IsTeamAdministrator": tru'],
    ['a JSON array', 'body', []],
  ])('answers 400 naming the field for %s, and nothing changes', async (_case, field, body) => {
    const response = await putPermissions(aliceBearer, acme, bob, body);
    expect(response.status).toBe(400);
    expect(response.json?.field).toBe(field);
    expect(String(response.json?.message)).toContain(field);
    expect(await membership(bob)).toMatchObject({
      canMakeBookings: true,
      canBookForTeam: false,
      accessCardId: null,
    });
  });

  it('accepts an AccessCardId of exactly 15 characters', async () => {
    expect(
      (
        await putPermissions(aliceBearer, acme, bob, {
          ...memberPermissionsBody,
          AccessCardId: 'A'.repeat(15),
        })
      ).status,
    ).toBe(200);
    expect((await membership(bob)).accessCardId).toBe('A'.repeat(15));
  });

  it.each([
    ['teamId', 'abc', 'x'],
    ['memberId', 'x', 'abc'],
    ['teamId', '2147483648', 'x'],
  ])('answers 400 naming %s for a malformed id', async (field, teamValue, memberValue) => {
    const team = teamValue === 'x' ? acme : teamValue;
    const member = memberValue === 'x' ? bob : memberValue;
    const response = await putPermissions(aliceBearer, team, member, memberPermissionsBody);
    expect(response.status).toBe(400);
    expect(response.json?.field).toBe(field);
  });

  it('inside an operator’s full-access impersonation of alice, answers 403, nothing changes, and the attempt names the operator', async () => {
    const viewing = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', alice, {
      mode: 'full',
      reason: 'Fixing Acme permissions',
    });
    const response = await putPermissions(viewing.accessToken, acme, bob, {
      ...memberPermissionsBody,
      CanBookForTeam: true,
    });
    expect(response.status).toBe(403);
    expect((await membership(bob)).canBookForTeam).toBe(false);

    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'IMPERSONATION_MUTATION_DENIED', impersonationId: viewing.impersonationId },
    });
    expect(event.actorUserId).toBe(viewing.impersonator.actor.userId);
    expect(event.actorCoworkerId).toBeNull();
  });

  it('inside a read-only impersonation of alice, answers 403 and nothing changes', async () => {
    const viewing = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', alice);
    const response = await putPermissions(viewing.accessToken, acme, bob, {
      ...memberPermissionsBody,
      CanBookForTeam: true,
    });
    expect(response.status).toBe(403);
    expect((await membership(bob)).canBookForTeam).toBe(false);
  });
});
