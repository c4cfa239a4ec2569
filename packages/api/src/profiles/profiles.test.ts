import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';

let h: ApiTestHarness;
let downtown: { id: number; name: string; webAddress: string };
let riverside: { id: number; name: string; webAddress: string };
let alice: number;
let bob: number;
let bobSuspendedProfile: number;
let carolDowntown: number;
let carolRiverside: number;
let erinCompany: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  const locationSelect = { id: true, name: true, webAddress: true } as const;
  downtown = await h.db.location.findUniqueOrThrow({
    where: { webAddress: 'downtown' },
    select: locationSelect,
  });
  riverside = await h.db.location.findUniqueOrThrow({
    where: { webAddress: 'riverside' },
    select: locationSelect,
  });
  alice = await h.coworkerIdOf('alice@example.com');
  bob = await h.coworkerIdOf('bob@example.com');
  carolDowntown = await h.coworkerIdOf('carol@example.com');
  carolRiverside = await h.coworkerIdOf('carol@example.com', 'riverside');
  const bobUser = await h.db.user.findUniqueOrThrow({ where: { email: 'bob@example.com' } });
  const erinUser = await h.db.user.findUniqueOrThrow({ where: { email: 'erin@example.com' } });
  // Rows the demo data lacks: an inactive profile of an active user, and a company profile.
  bobSuspendedProfile = (
    await h.db.coworker.create({
      data: {
        locationId: riverside.id,
        userId: bobUser.id,
        fullName: 'Bob Brown',
        email: 'bob@example.com',
        active: false,
      },
    })
  ).id;
  erinCompany = (
    await h.db.coworker.create({
      data: {
        locationId: riverside.id,
        userId: erinUser.id,
        fullName: 'Erin Evans',
        email: 'erin@example.com',
        companyName: 'Evans Ltd',
        type: 'COMPANY',
        hasVirtualOffice: true,
        virtualOfficeContractId: 77,
      },
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const listProfiles = (bearer?: string) =>
  h.rest('GET', '/api/public/coworkers/profiles', bearer === undefined ? {} : { bearer });

const switchProfile = (bearer: string | undefined, coworkerId?: string | number) =>
  h.rest('PUT', '/api/public/coworkers/profiles/current', {
    ...(bearer === undefined ? {} : { bearer }),
    query: coworkerId === undefined ? {} : { coworkerId },
  });

type Profile = { Id: number; IsDefaultProfile: boolean; CoworkerType: number };
const profilesOf = (response: Awaited<ReturnType<typeof listProfiles>>) =>
  response.json?.Profiles as Profile[];
const defaultIds = (response: Awaited<ReturnType<typeof listProfiles>>) =>
  profilesOf(response)
    .filter((p) => p.IsDefaultProfile)
    .map((p) => p.Id);

describe('GET /api/public/coworkers/profiles', () => {
  it('answers alice with exactly the contract’s shape', async () => {
    const session = await h.signIn('alice@example.com');
    const response = await listProfiles(session.accessToken);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      User: {
        Id: session.actor.userId,
        FullName: 'Alice Anderson',
        Email: 'alice@example.com',
        Active: true,
        IsAdmin: false,
        AccessToken: null,
      },
      DefaultBusiness: { Id: downtown.id, Name: 'Downtown Hub', WebAddress: 'downtown' },
      Profiles: [
        {
          Id: alice,
          FullName: 'Alice Anderson',
          CompanyName: 'Acme',
          Active: true,
          IsDefaultProfile: true,
          CoworkerType: 1,
          HasVirtualOffice: false,
          VirtualOfficePaused: false,
          VirtualOfficeContractId: null,
        },
      ],
    });
  });

  it('never hands the caller’s token back in the body', async () => {
    const session = await h.signIn('alice@example.com');
    const response = await listProfiles(session.accessToken);
    expect(response.text).not.toContain(session.accessToken);
    expect(response.text).not.toContain(session.refreshToken);
  });

  it('lists both of carol’s profiles and marks one, the first, as default', async () => {
    const session = await h.signIn('carol@example.com');
    const response = await listProfiles(session.accessToken);
    expect(profilesOf(response).map((p) => p.Id)).toEqual([carolDowntown, carolRiverside]);
    expect(defaultIds(response)).toEqual([carolDowntown]);
  });

  it('types a company profile 2 and an individual one 1, with its virtual-office facts', async () => {
    const session = await h.signIn('erin@example.com');
    const response = await listProfiles(session.accessToken);
    const company = profilesOf(response).find((p) => p.Id === erinCompany);
    expect(company).toMatchObject({
      CoworkerType: 2,
      CompanyName: 'Evans Ltd',
      HasVirtualOffice: true,
      VirtualOfficeContractId: 77,
    });
    expect(profilesOf(response).find((p) => p.Id !== erinCompany)?.CoworkerType).toBe(1);
  });

  it('answers 401 without a bearer', async () => {
    expect((await listProfiles()).status).toBe(401);
  });
});

describe('PUT /api/public/coworkers/profiles/current', () => {
  it('switches carol to her Riverside profile; the list then marks it default', async () => {
    const session = await h.signIn('carol@example.com');
    const response = await switchProfile(session.accessToken, carolRiverside);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      WasSuccessful: true,
      Value: null,
      Status: 200,
      Message: null,
      Errors: null,
    });

    const after = await listProfiles(session.accessToken);
    expect(defaultIds(after)).toEqual([carolRiverside]);
    expect(after.json?.DefaultBusiness).toEqual({
      Id: riverside.id,
      Name: 'Riverside Works',
      WebAddress: 'riverside',
    });

    expect((await switchProfile(session.accessToken, carolDowntown)).status).toBe(200);
    expect(defaultIds(await listProfiles(session.accessToken))).toEqual([carolDowntown]);
  });

  it.each([
    ['another user’s profile', () => bob],
    ['an unknown profile', () => 999_999],
    ['the largest id Postgres stores', () => 2_147_483_647],
  ])('answers 404 for %s and leaves the current profile alone', async (_case, target) => {
    const session = await h.signIn('carol@example.com');
    const response = await switchProfile(session.accessToken, target());
    expect(response.status).toBe(404);
    expect(defaultIds(await listProfiles(session.accessToken))).toEqual([carolDowntown]);
  });

  it('answers 404 for the user’s own inactive profile', async () => {
    const session = await h.signIn('bob@example.com');
    expect(profilesOf(await listProfiles(session.accessToken)).map((p) => p.Id)).toContain(
      bobSuspendedProfile,
    );
    expect((await switchProfile(session.accessToken, bobSuspendedProfile)).status).toBe(404);
    expect(defaultIds(await listProfiles(session.accessToken))).toEqual([bob]);
  });

  it.each([['abc'], ['-3'], ['0'], ['1.5'], ['1e3'], [''], ['2147483648']])(
    'answers 400 naming coworkerId for coworkerId=%j',
    async (value) => {
      const session = await h.signIn('carol@example.com');
      const response = await switchProfile(session.accessToken, value);
      expect(response.status).toBe(400);
      expect(response.json?.field).toBe('coworkerId');
      expect(String(response.json?.message)).toContain('coworkerId');
    },
  );

  it('answers 400 when coworkerId is missing, and 401 without a bearer', async () => {
    const session = await h.signIn('carol@example.com');
    expect((await switchProfile(session.accessToken)).status).toBe(400);
    expect((await switchProfile(undefined, carolRiverside)).status).toBe(401);
  });
});

describe('while impersonating', () => {
  it('lists only the impersonated profile, and switching to the member’s other profile is 404', async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', carolDowntown, {
      mode: 'full',
      reason: 'Ticket 1234',
    });
    const response = await listProfiles(viewing.accessToken);
    expect(response.status).toBe(200);
    expect(profilesOf(response)).toEqual([
      expect.objectContaining({ Id: carolDowntown, IsDefaultProfile: true }),
    ]);
    expect(response.json?.User).toMatchObject({ Email: 'carol@example.com', IsAdmin: false });

    expect((await switchProfile(viewing.accessToken, carolRiverside)).status).toBe(404);
    expect((await switchProfile(viewing.accessToken, carolDowntown)).status).toBe(200);
  });

  it('of Riverside lists only carol’s Riverside profile', async () => {
    const viewing = await impersonateViaRest(h, 'admin@riverside.hotdesk.test', carolRiverside);
    const response = await listProfiles(viewing.accessToken);
    expect(profilesOf(response).map((p) => p.Id)).toEqual([carolRiverside]);
    expect(response.json?.DefaultBusiness).toMatchObject({ Id: riverside.id });
  });

  it('read-only: switching is 403 and the refusal is audited against the real actor', async () => {
    const viewing = await impersonateViaRest(h, 'owner@hotdesk.test', carolDowntown);
    const response = await switchProfile(viewing.accessToken, carolDowntown);
    expect(response.status).toBe(403);

    const denial = await h.db.auditEvent.findFirstOrThrow({
      where: { type: 'IMPERSONATION_MUTATION_DENIED', impersonationId: viewing.impersonationId },
    });
    expect(denial.actorUserId).toBe(viewing.impersonator.actor.userId);
    expect(denial.targetCoworkerId).toBe(carolDowntown);
    expect(denial.locationId).toBe(downtown.id);
    expect(
      await h.db.auditEvent.count({
        where: { type: 'PROFILE_SWITCHED', impersonationId: viewing.impersonationId },
      }),
    ).toBe(0);
  });
});
