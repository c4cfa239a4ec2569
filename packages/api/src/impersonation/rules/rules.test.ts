import { describe, expect, it } from 'vitest';

import {
  accessRequestRefusal,
  approvalRefusal,
  approvalUsedBy,
  defaultLocationPolicy,
  grantRefusal,
  locationManagerRefusal,
  memberDecisionRefusal,
  mayAdministerTeam,
  mayReportView,
  mayRevoke,
  reportReviewLocations,
  redeemerRefusal,
  refusalCodes,
  secretRevealRefusal,
  secretShownUnasked,
  standingRefusal,
  teamPermissionChangeRefusal,
  viewability,
  viewChangeRefusal,
  viewContinuation,
  type AccessApproval,
  type AccessRequestFacts,
  type GrantRequest,
  type Refusal,
  type RefusalCode,
  type RuleSettings,
  type TargetFacts,
  type TeamCaller,
  type TeamFacts,
  type ViewerFacts,
  type ViewingSnapshot,
} from '.';

/*
 * The rules as a table: each row a situation, the refusal it must get. Pure functions, so every
 * refusal the module can return is proven here without a database; the integration tests
 * (authorization-matrix, liveness) prove the same answers come out of the endpoints.
 */

const now = new Date('2026-12-01T10:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const settings: RuleSettings = {
  tokenSeconds: 60,
  maxSessionMinutes: 60,
  idleMinutes: 15,
  reauthMinutes: 5,
};

const DOWNTOWN = 1;
const RIVERSIDE = 2;
const ACME = 10;
const GAMMA = 11;

const operator: ViewerFacts = {
  userId: 100,
  active: true,
  roles: [{ locationId: DOWNTOWN, role: 'OPERATOR' }],
  coworkerId: null,
  administeredTeamIds: [],
  impersonating: false,
  sessionAlive: true,
  reauthenticatedAt: minutesAgo(1),
};
const teamAdmin: ViewerFacts = {
  ...operator,
  userId: 200,
  roles: [],
  coworkerId: 20,
  administeredTeamIds: [ACME],
};
const bob: TargetFacts = {
  id: 30,
  locationId: DOWNTOWN,
  active: true,
  userId: 300,
  fullName: 'Bob Brown',
  hasLogin: true,
  hasEmail: true,
  isStaff: false,
  allowTeamAdminImpersonation: true,
  teams: [{ teamId: ACME, isAdministrator: false }],
  policy: defaultLocationPolicy,
};

const asOperator = (viewer: Partial<ViewerFacts> = {}, target: Partial<TargetFacts> | null = {}) =>
  snapshot('OPERATOR', { ...operator, ...viewer }, target);
const asTeamAdmin = (viewer: Partial<ViewerFacts> = {}, target: Partial<TargetFacts> | null = {}) =>
  snapshot('TEAM_ADMIN', { ...teamAdmin, ...viewer }, target);

function snapshot(
  kind: ViewingSnapshot['kind'],
  viewer: ViewerFacts,
  target: Partial<TargetFacts> | null,
): ViewingSnapshot {
  return { kind, viewer, target: target && { ...bob, ...target }, requestedId: bob.id };
}

const policy = (change: Partial<typeof defaultLocationPolicy>) => ({
  policy: { ...defaultLocationPolicy, ...change },
});

const readOnly: GrantRequest = { mode: 'READ_ONLY', reason: null };
const full: GrantRequest = { mode: 'FULL', reason: 'Ticket 1' };

const covered = new Set<RefusalCode>();

function expectRefusal(refusal: Refusal | null, code: RefusalCode, status: Refusal['status']) {
  expect(refusal).toMatchObject({ code, status });
  expect(refusal?.message.length).toBeGreaterThan(10);
  covered.add(code);
}

describe('who may be asked for at all (grant, and the apps’ answer)', () => {
  const cases: Array<[string, ViewingSnapshot, GrantRequest, RefusalCode, Refusal['status']]> = [
    [
      'a member at the operator endpoint',
      asOperator({ roles: [] }),
      readOnly,
      'not_an_operator',
      401,
    ],
    [
      'a VIEWER',
      asOperator({ roles: [{ locationId: DOWNTOWN, role: 'VIEWER' }] }),
      readOnly,
      'not_an_operator',
      401,
    ],
    [
      'an impersonated operator session',
      asOperator({ impersonating: true }),
      readOnly,
      'not_an_operator',
      401,
    ],
    ['an operator, unknown id', asOperator({}, null), readOnly, 'not_found', 404],
    [
      'an operator, another location',
      asOperator({}, { locationId: RIVERSIDE }),
      readOnly,
      'not_found',
      404,
    ],
    [
      'an operator who only views here',
      asOperator({
        roles: [
          { locationId: DOWNTOWN, role: 'VIEWER' },
          { locationId: RIVERSIDE, role: 'ADMIN' },
        ],
      }),
      readOnly,
      'not_found',
      404,
    ],
    ['an operator, staff target', asOperator({}, { isStaff: true }), readOnly, 'staff', 403],
    ['an operator, suspended target', asOperator({}, { active: false }), readOnly, 'inactive', 403],
    [
      'an operator, own profile',
      asOperator({}, { userId: operator.userId }),
      readOnly,
      'self',
      403,
    ],
    [
      'operator impersonation off',
      asOperator({}, policy({ operatorImpersonationEnabled: false })),
      readOnly,
      'kind_disabled',
      403,
    ],
    [
      'a view asking for another',
      asTeamAdmin({ impersonating: true }),
      readOnly,
      'impersonated_session',
      403,
    ],
    [
      'a member who administers no team',
      asTeamAdmin({ administeredTeamIds: [] }),
      readOnly,
      'not_a_team_administrator',
      403,
    ],
    ['a team administrator, unknown id', asTeamAdmin({}, null), readOnly, 'not_found', 404],
    [
      'a team administrator, member of another team',
      asTeamAdmin({}, { teams: [{ teamId: GAMMA, isAdministrator: false }] }),
      readOnly,
      'not_found',
      404,
    ],
    [
      'a team administrator, a peer administrator',
      asTeamAdmin({}, { teams: [{ teamId: ACME, isAdministrator: true }] }),
      readOnly,
      'peer_administrator',
      403,
    ],
    [
      'a team administrator, own profile',
      asTeamAdmin({}, { id: teamAdmin.coworkerId! }),
      readOnly,
      'self',
      403,
    ],
    [
      'team-admin viewing off at the location',
      asTeamAdmin({}, policy({ teamAdminImpersonationEnabled: false })),
      readOnly,
      'kind_disabled',
      403,
    ],
    [
      'a member who said no',
      asTeamAdmin({}, { allowTeamAdminImpersonation: false }),
      readOnly,
      'member_opted_out',
      403,
    ],
    [
      'full access not allowed',
      asOperator({}, policy({ fullModeAllowed: false })),
      full,
      'full_mode_disabled',
      403,
    ],
    [
      'full access without a reason',
      asOperator(),
      { mode: 'FULL', reason: null },
      'reason_required',
      400,
    ],
    [
      'read-only without a reason where one is required',
      asOperator({}, policy({ reasonRequired: true })),
      readOnly,
      'reason_required',
      400,
    ],
    [
      'a reason over the limit',
      asOperator(),
      { mode: 'READ_ONLY', reason: 'x'.repeat(501) },
      'reason_too_long',
      400,
    ],
    [
      'full access with an old password proof',
      asOperator({ reauthenticatedAt: minutesAgo(6) }),
      full,
      'reauthentication_required',
      403,
    ],
  ];

  it.each(cases)('%s', (_, situation, request, code, status) => {
    expectRefusal(grantRefusal(situation, request, settings, now), code, status);
    // The apps' answer agrees: the same refusal, or (for what the form asks) terms that say so.
    const answer = viewability(situation, settings, now);
    const terms = answer.allowed ? answer.modes[request.mode] : null;
    const refusal = answer.allowed ? (terms?.allowed ? null : terms?.refusal) : answer.refusal;
    if (code === 'reason_required') expect(terms).toMatchObject({ reasonRequired: true });
    else if (code === 'reauthentication_required') {
      expect(terms).toMatchObject({ reauthenticationRequired: true });
    } else if (code === 'reason_too_long') expect(answer).toMatchObject({ reasonMaxLength: 500 });
    else expect(refusal?.code).toBe(code);
  });

  it('lets an operator, a team administrator and a staff-free full view through, with its terms', () => {
    expect(grantRefusal(asOperator(), readOnly, settings, now)).toBeNull();
    expect(grantRefusal(asTeamAdmin(), full, settings, now)).toBeNull();
    const answer = viewability(asOperator({}, policy({ maxSessionMinutes: 20 })), settings, now);
    expect(answer).toMatchObject({
      allowed: true,
      tokenSeconds: 60,
      sessionMinutes: 20,
      reasonMaxLength: 500,
      modes: {
        READ_ONLY: { allowed: true, reasonRequired: false, reauthenticationRequired: false },
        FULL: { allowed: true, reasonRequired: true, reauthenticationRequired: false },
      },
    });
  });
});

describe('whether a view still stands (exchange and every request)', () => {
  const view = {
    kind: 'OPERATOR' as const,
    mode: 'READ_ONLY' as const,
    targetCoworkerId: bob.id,
    locationId: DOWNTOWN,
  };

  it.each([
    [
      'the actor’s own session ended',
      asOperator({ sessionAlive: false }),
      view,
      'actor_session_ended',
      401,
    ],
    ['the actor was deactivated', asOperator({ active: false }), view, 'actor_inactive', 401],
    ['the actor’s role was removed', asOperator({ roles: [] }), view, 'not_an_operator', 401],
    [
      'the actor was lowered to VIEWER',
      asOperator({ roles: [{ locationId: DOWNTOWN, role: 'VIEWER' }] }),
      view,
      'not_an_operator',
      401,
    ],
    ['the member was suspended', asOperator({}, { active: false }), view, 'inactive', 403],
    [
      'full mode was switched off',
      asOperator({}, policy({ fullModeAllowed: false })),
      { ...view, mode: 'FULL' as const },
      'full_mode_disabled',
      403,
    ],
    [
      'the team-admin flag was cleared',
      asTeamAdmin({ administeredTeamIds: [] }),
      { ...view, kind: 'TEAM_ADMIN' as const },
      'not_a_team_administrator',
      403,
    ],
    [
      'the member opted out',
      asTeamAdmin({}, { allowTeamAdminImpersonation: false }),
      { ...view, kind: 'TEAM_ADMIN' as const },
      'member_opted_out',
      403,
    ],
  ] as const)('%s', (_, situation, running, code, status) => {
    expectRefusal(standingRefusal(situation, running), code, status);
  });

  it('does not end a view because a reason became required after it started', () => {
    expect(standingRefusal(asOperator({}, policy({ reasonRequired: true })), view)).toBeNull();
  });

  it('does not end a view because an approval became required after it started', () => {
    const gates = policy({ fullAccessNeedsSecondApproval: true, askMemberFirst: true });
    expect(standingRefusal(asOperator({}, gates), { ...view, mode: 'FULL' })).toBeNull();
    expect(standingRefusal(asTeamAdmin({}, gates), { ...view, kind: 'TEAM_ADMIN' })).toBeNull();
  });

  it('ends on time, on idleness, and earlier when the location lowers its maximum', () => {
    const running = { ...view, startedAt: minutesAgo(30), expiresAt: minutesAgo(-30) };
    expect(
      viewContinuation(asOperator(), { ...running, lastSeenAt: minutesAgo(1) }, settings, now),
    ).toEqual({ ends: false, expiresAt: running.expiresAt });
    expect(
      viewContinuation(asOperator(), { ...running, lastSeenAt: minutesAgo(16) }, settings, now),
    ).toMatchObject({ ends: true, reason: 'EXPIRED' });
    expect(
      viewContinuation(
        asOperator({}, policy({ maxSessionMinutes: 20 })),
        { ...running, lastSeenAt: minutesAgo(1) },
        settings,
        now,
      ),
    ).toMatchObject({ ends: true, reason: 'EXPIRED' });
    expect(
      viewContinuation(
        asOperator({}, policy({ maxSessionMinutes: 45 })),
        { ...running, lastSeenAt: minutesAgo(1) },
        settings,
        now,
      ),
    ).toEqual({ ends: false, expiresAt: new Date(running.startedAt.getTime() + 45 * 60_000) });
    expect(
      viewContinuation(
        asOperator({ sessionAlive: false }),
        { ...running, lastSeenAt: minutesAgo(1) },
        settings,
        now,
      ),
    ).toMatchObject({ ends: true, reason: 'ACTOR_SESSION_ENDED' });
    expect(
      viewContinuation(
        asOperator({ active: false }),
        { ...running, lastSeenAt: minutesAgo(1) },
        settings,
        now,
      ),
    ).toMatchObject({ ends: true, reason: 'RIGHT_WITHDRAWN' });
  });
});

describe('what a view may change', () => {
  it('a read-only view nothing, a full view what its member may (and the rest of this file)', () => {
    expectRefusal(viewChangeRefusal({ mode: 'READ_ONLY' }), 'read_only_view', 403);
    expect(viewChangeRefusal({ mode: 'FULL' })).toBeNull();
    expect(viewChangeRefusal(null)).toBeNull();
  });
});

describe('what a view may see of a member’s door PIN and card', () => {
  it('the member reveals both; staff with full access too; a read-only view and a team administrator never', () => {
    expect(secretRevealRefusal(null)).toBeNull();
    expect(secretRevealRefusal({ kind: 'OPERATOR', mode: 'FULL' })).toBeNull();
    expectRefusal(
      secretRevealRefusal({ kind: 'OPERATOR', mode: 'READ_ONLY' }),
      'read_only_view',
      403,
    );
    expectRefusal(
      secretRevealRefusal({ kind: 'TEAM_ADMIN', mode: 'FULL' }),
      'secret_for_member_only',
      403,
    );
    expectRefusal(
      secretRevealRefusal({ kind: 'TEAM_ADMIN', mode: 'READ_ONLY' }),
      'read_only_view',
      403,
    );
  });

  it('shows the card unasked to the member only, and the door PIN to nobody unasked', () => {
    expect(secretShownUnasked('PAYMENT_METHOD', null)).toBe(true);
    expect(secretShownUnasked('PAYMENT_METHOD', { kind: 'OPERATOR' })).toBe(false);
    expect(secretShownUnasked('DOOR_PIN', null)).toBe(false);
    expect(secretShownUnasked('DOOR_PIN', { kind: 'OPERATOR' })).toBe(false);
  });
});

describe('where a link may be redeemed', () => {
  it('a team administrator’s link only in her own browser; operators’ and REST links anywhere', () => {
    const teamGrant = { kind: 'TEAM_ADMIN' as const, actorSessionId: 'hers' };
    expect(redeemerRefusal(teamGrant, 'hers')).toBeNull();
    expectRefusal(redeemerRefusal(teamGrant, 'someone-else'), 'other_browser', 403);
    expectRefusal(redeemerRefusal(teamGrant, null), 'other_browser', 403);
    expect(redeemerRefusal(teamGrant, undefined)).toBeNull();
    expect(redeemerRefusal({ kind: 'OPERATOR', actorSessionId: 'his' }, 'anyone')).toBeNull();
  });
});

describe('who may end a view from outside it', () => {
  const view = { actorUserId: 100, targetUserId: 300, locationId: DOWNTOWN };
  it.each([
    ['its actor', { userId: 100, roles: [], impersonating: false }, true],
    ['the member viewed', { userId: 300, roles: [], impersonating: false }, true],
    [
      'an operator of its location',
      {
        userId: 101,
        roles: [{ locationId: DOWNTOWN, role: 'ADMIN' as const }],
        impersonating: false,
      },
      true,
    ],
    [
      'a VIEWER of its location',
      {
        userId: 102,
        roles: [{ locationId: DOWNTOWN, role: 'VIEWER' as const }],
        impersonating: false,
      },
      false,
    ],
    [
      'an operator elsewhere',
      {
        userId: 103,
        roles: [{ locationId: RIVERSIDE, role: 'OWNER' as const }],
        impersonating: false,
      },
      false,
    ],
    ['its actor, from inside a view', { userId: 100, roles: [], impersonating: true }, false],
  ])('%s: %s', (_, viewer, allowed) => {
    expect(mayRevoke(viewer, view)).toBe(allowed);
  });
});

describe('who may report a view ("I did not expect this") and who reviews reports', () => {
  const view = { targetCoworkerId: 30, targetUserId: 300 };
  it.each([
    ['the member viewed, signed in', { userId: 300, coworkerId: 31, impersonating: false }, true],
    [
      "the member's verified e-mail link",
      { userId: null, coworkerId: 30, impersonating: false },
      true,
    ],
    ['another member', { userId: 301, coworkerId: 32, impersonating: false }, false],
    ["another member's link", { userId: null, coworkerId: 32, impersonating: false }, false],
    ['the view itself', { userId: 300, coworkerId: 30, impersonating: true }, false],
  ])('%s: %s', (_, reporter, allowed) => {
    expect(mayReportView(reporter, view)).toBe(allowed);
  });

  it.each([
    ['an OWNER of every location', [{ locationId: null, role: 'OWNER' as const }], 'all'],
    ['an OPERATOR of every location', [{ locationId: null, role: 'OPERATOR' as const }], []],
    [
      'an ADMIN here, a VIEWER there',
      [
        { locationId: DOWNTOWN, role: 'ADMIN' as const },
        { locationId: RIVERSIDE, role: 'VIEWER' as const },
      ],
      [DOWNTOWN],
    ],
    [
      'a VIEWER here under an ADMIN of every location',
      [
        { locationId: null, role: 'ADMIN' as const },
        { locationId: DOWNTOWN, role: 'VIEWER' as const },
      ],
      'all',
    ],
  ])('%s reviews reports of: %j', (_, roles, scope) => {
    expect(reportReviewLocations(roles)).toEqual(scope);
  });
});

describe('teams: what a view may never touch, and who changes administrators', () => {
  const acme: TeamFacts = {
    id: ACME,
    locationId: DOWNTOWN,
    administratorIds: [20, 21],
    memberIds: [20, 21, 30],
  };
  const alice: TeamCaller = { coworkerId: 20, view: null };
  const insideAView: TeamCaller = {
    coworkerId: 21,
    view: { kind: 'TEAM_ADMIN', actorRoles: [], actorAdministeredTeamIds: [GAMMA] },
  };

  it.each([
    ['any write from a view', insideAView, acme, 30, true, 'impersonated_session', 403],
    [
      'a plain member',
      { coworkerId: 30, view: null },
      acme,
      30,
      true,
      'not_a_team_administrator',
      403,
    ],
    ['a member not in the team', alice, acme, 99, true, 'not_team_member', 404],
    ['an unknown team', alice, null, 30, true, 'not_found', 404],
    ['dropping one’s own flag', alice, acme, 20, false, 'own_administrator_flag', 400],
    ['clearing a peer’s flag', alice, acme, 21, false, 'other_administrator_flag', 403],
  ] as const)('%s', (_, caller, team, memberId, makesAdministrator, code, status) => {
    expectRefusal(
      teamPermissionChangeRefusal(caller, team, { memberId, makesAdministrator }),
      code,
      status,
    );
  });

  it('lets an administrator change a member’s flags and make them an administrator', () => {
    expect(
      teamPermissionChangeRefusal(alice, acme, { memberId: 30, makesAdministrator: true }),
    ).toBeNull();
    expect(
      teamPermissionChangeRefusal(alice, acme, { memberId: 21, makesAdministrator: true }),
    ).toBeNull();
  });

  it('shows a team’s administration page inside a view only to who administers it too', () => {
    expect(mayAdministerTeam(alice, acme)).toBe(true);
    expect(mayAdministerTeam(insideAView, acme)).toBe(false);
    expect(
      mayAdministerTeam(
        { ...insideAView, view: { ...insideAView.view!, actorAdministeredTeamIds: [ACME] } },
        acme,
      ),
    ).toBe(true);
    const operatorView = (role: 'ADMIN' | 'OPERATOR'): TeamCaller => ({
      coworkerId: 21,
      view: {
        kind: 'OPERATOR',
        actorRoles: [{ locationId: DOWNTOWN, role }],
        actorAdministeredTeamIds: [],
      },
    });
    expect(mayAdministerTeam(operatorView('ADMIN'), acme)).toBe(true);
    expect(mayAdministerTeam(operatorView('OPERATOR'), acme)).toBe(false);
  });

  it('lets only ADMINs and OWNERs of the location manage it', () => {
    expect(locationManagerRefusal([{ locationId: null, role: 'OWNER' }], DOWNTOWN, 'x')).toBeNull();
    expect(
      locationManagerRefusal([{ locationId: DOWNTOWN, role: 'ADMIN' }], DOWNTOWN, 'x'),
    ).toBeNull();
    expectRefusal(
      locationManagerRefusal(
        [{ locationId: DOWNTOWN, role: 'OPERATOR' }],
        DOWNTOWN,
        'change its policy',
      ),
      'not_a_location_manager',
      403,
    );
    expectRefusal(
      locationManagerRefusal(
        [{ locationId: RIVERSIDE, role: 'OWNER' }],
        DOWNTOWN,
        'change its policy',
      ),
      'not_a_location_manager',
      403,
    );
  });
});

describe('full access with a second approval', () => {
  const approving = policy({ fullAccessNeedsSecondApproval: true });
  const request: AccessRequestFacts = {
    id: 'r1',
    kind: 'OPERATOR',
    mode: 'FULL',
    requesterUserId: operator.userId as number,
    targetCoworkerId: bob.id,
    locationId: DOWNTOWN,
    status: 'PENDING',
    expiresAt: new Date(now.getTime() + 30 * 60_000),
    needsSecondApproval: true,
    needsMemberConsent: false,
    secondApproved: false,
    memberApproved: false,
  };
  const approval: AccessApproval = {
    ...request,
    status: 'APPROVED',
    secondApproved: true,
    approverUserId: 400,
    approverName: 'Olivia Owner',
    memberDenied: false,
  };
  const withApproval = (change: Partial<AccessApproval> | null): ViewingSnapshot => ({
    ...asOperator({}, approving),
    requests: change ? [{ ...approval, ...change }] : [],
  });
  const admin = (userId: number, locationId: number | null = DOWNTOWN) => ({
    userId,
    impersonating: false,
    roles: [{ locationId, role: 'ADMIN' as const }],
  });

  it('refuses an operator’s full grant until a second operator approved it, and says so', () => {
    const situation = withApproval(null);
    expectRefusal(grantRefusal(situation, full, settings, now), 'second_approval_required', 403);
    expect(viewability(situation, settings, now)).toMatchObject({
      modes: { FULL: { secondApproval: 'needed' }, READ_ONLY: { secondApproval: 'not_needed' } },
    });
    expect(grantRefusal(situation, readOnly, settings, now)).toBeNull();
  });

  it('lets it through with an approval of this very view, naming the approver', () => {
    const situation = withApproval({});
    expect(grantRefusal(situation, full, settings, now)).toBeNull();
    expect(viewability(situation, settings, now)).toMatchObject({
      modes: { FULL: { secondApproval: 'approved', approvedBy: 'Olivia Owner' } },
    });
    expect(approvalUsedBy(situation, 'FULL', now)?.id).toBe('r1');
    expect(approvalUsedBy(situation, 'READ_ONLY', now)).toBeNull();
  });

  it.each([
    ['expired', { expiresAt: now }],
    ['used', { status: 'USED' as const }],
    ['denied', { status: 'DENIED' as const }],
    ['for someone else', { targetCoworkerId: 31 }],
    ['asked by someone else', { requesterUserId: 101 }],
    ['approved by the requester', { approverUserId: operator.userId as number }],
  ])('does not count an approval %s', (_, change) => {
    const situation = withApproval(change);
    expectRefusal(grantRefusal(situation, full, settings, now), 'second_approval_required', 403);
    expect(approvalUsedBy(situation, 'FULL', now)).toBeNull();
  });

  it('leaves the location without the switch, and team administrators, as they were', () => {
    expect(grantRefusal(asOperator(), full, settings, now)).toBeNull();
    expect(grantRefusal(asTeamAdmin({}, approving), full, settings, now)).toBeNull();
    expectRefusal(
      grantRefusal(
        asTeamAdmin({}, policy({ fullAccessNeedsSecondApproval: true, fullModeAllowed: false })),
        full,
        settings,
        now,
      ),
      'full_mode_disabled',
      403,
    );
  });

  it('lets an operator ask only where an approval is needed, with a reason', () => {
    expect(accessRequestRefusal(withApproval(null), full, settings, now)).toBeNull();
    expectRefusal(
      accessRequestRefusal(withApproval(null), { mode: 'FULL', reason: null }, settings, now),
      'reason_required',
      400,
    );
    expectRefusal(
      accessRequestRefusal(asOperator(), full, settings, now),
      'second_approval_not_needed',
      400,
    );
    expectRefusal(
      accessRequestRefusal(withApproval({}), full, settings, now),
      'second_approval_not_needed',
      400,
    );
    expectRefusal(
      accessRequestRefusal(asOperator({}, null), full, settings, now),
      'not_found',
      404,
    );
  });

  it('lets a second ADMIN or OWNER of the location decide, never the requester', () => {
    expect(approvalRefusal(admin(400), request, now)).toBeNull();
    expect(approvalRefusal(admin(401, null), request, now)).toBeNull();
    const requesterAsAdmin = admin(request.requesterUserId);
    expectRefusal(approvalRefusal(requesterAsAdmin, request, now), 'own_request', 403);
    expectRefusal(
      approvalRefusal(
        { ...admin(402), roles: [{ locationId: DOWNTOWN, role: 'OPERATOR' }] },
        request,
        now,
      ),
      'not_a_location_manager',
      403,
    );
    expectRefusal(approvalRefusal(admin(403, RIVERSIDE), request, now), 'not_found', 404);
    expectRefusal(approvalRefusal(admin(400), null, now), 'not_found', 404);
    expectRefusal(
      approvalRefusal({ ...admin(400), impersonating: true }, request, now),
      'not_an_operator',
      401,
    );
    for (const closed of [{ status: 'APPROVED' as const }, { expiresAt: now }]) {
      expectRefusal(
        approvalRefusal(admin(400), { ...request, ...closed }, now),
        'request_closed',
        400,
      );
    }
  });
});

describe('asking the member first', () => {
  const asking = policy({ askMemberFirst: true });
  const askingUrgent = policy({ askMemberFirst: true, urgentViewAllowed: true });
  const consentRequest: AccessApproval = {
    id: 'c1',
    kind: 'OPERATOR',
    mode: 'READ_ONLY',
    requesterUserId: operator.userId as number,
    targetCoworkerId: bob.id,
    locationId: DOWNTOWN,
    status: 'PENDING',
    expiresAt: new Date(now.getTime() + 15 * 60_000),
    needsSecondApproval: false,
    needsMemberConsent: true,
    secondApproved: false,
    memberApproved: false,
    approverUserId: null,
    approverName: null,
    memberDenied: false,
  };
  const agreed = { status: 'APPROVED' as const, memberApproved: true };
  const withRequest = (
    base: ViewingSnapshot,
    change: Partial<AccessApproval> | null,
  ): ViewingSnapshot => ({
    ...base,
    requests: change ? [{ ...consentRequest, kind: base.kind, ...change }] : [],
  });
  const member = {
    userId: bob.userId,
    coworkerId: bob.id,
    impersonating: false,
    via: 'session' as const,
  };
  const urgentRead: GrantRequest = { ...readOnly, urgent: true };
  const consentOf = (situation: ViewingSnapshot, mode: 'READ_ONLY' | 'FULL' = 'READ_ONLY') => {
    const answer = viewability(situation, settings, now);
    return answer.allowed && answer.modes[mode].allowed ? answer.modes[mode] : null;
  };

  it('refuses an operator’s and a team administrator’s view until the member agreed, naming them', () => {
    for (const situation of [asOperator({}, asking), asTeamAdmin({}, asking)]) {
      const refusal = grantRefusal(situation, readOnly, settings, now);
      expectRefusal(refusal, 'member_consent_required', 403);
      expect(refusal?.message).toBe('Bob Brown has to agree first: ask them.');
      expect(consentOf(situation)).toMatchObject({ memberConsent: 'needed', urgentAllowed: false });
    }
    expect(consentOf(asOperator())).toMatchObject({ memberConsent: 'not_needed' });
  });

  it('says when the request waits, and when the member declined', () => {
    const waiting = withRequest(asOperator({}, asking), {});
    expectRefusal(grantRefusal(waiting, readOnly, settings, now), 'member_consent_required', 403);
    expect(consentOf(waiting)).toMatchObject({
      memberConsent: 'waiting',
      consentUntil: consentRequest.expiresAt,
    });
    const declined = withRequest(asOperator({}, asking), { status: 'DENIED', memberDenied: true });
    expectRefusal(grantRefusal(declined, readOnly, settings, now), 'member_declined', 403);
    expect(consentOf(declined)).toMatchObject({ memberConsent: 'declined' });
    // Asking again after a no is allowed; the member answers again.
    expect(accessRequestRefusal(declined, readOnly, settings, now)).toBeNull();
  });

  it('lets one grant through on the member’s yes, for the mode they agreed to only', () => {
    const yes = withRequest(asOperator({}, asking), agreed);
    expect(grantRefusal(yes, readOnly, settings, now)).toBeNull();
    expect(approvalUsedBy(yes, 'READ_ONLY', now)?.id).toBe('c1');
    expect(consentOf(yes)).toMatchObject({ memberConsent: 'approved' });
    expectRefusal(grantRefusal(yes, full, settings, now), 'member_consent_required', 403);
    for (const gone of [{ status: 'USED' as const }, { expiresAt: now }]) {
      const situation = withRequest(asOperator({}, asking), { ...agreed, ...gone });
      expectRefusal(
        grantRefusal(situation, readOnly, settings, now),
        'member_consent_required',
        403,
      );
      expect(approvalUsedBy(situation, 'READ_ONLY', now)).toBeNull();
    }
  });

  it('needs both yeses for an operator’s full view where both switches are on', () => {
    const both = policy({ askMemberFirst: true, fullAccessNeedsSecondApproval: true });
    const bothRequest = { mode: 'FULL' as const, needsSecondApproval: true };
    const memberOnly = withRequest(asOperator({}, both), { ...bothRequest, memberApproved: true });
    expect(consentOf(memberOnly, 'FULL')).toMatchObject({
      memberConsent: 'waiting',
      secondApproval: 'needed',
    });
    expectRefusal(grantRefusal(memberOnly, full, settings, now), 'member_consent_required', 403);
    const secondOnly = withRequest(asOperator({}, both), {
      ...bothRequest,
      secondApproved: true,
      approverUserId: 400,
      approverName: 'Olivia Owner',
    });
    expectRefusal(grantRefusal(secondOnly, full, settings, now), 'member_consent_required', 403);
    const all = withRequest(asOperator({}, both), {
      ...bothRequest,
      ...agreed,
      secondApproved: true,
      approverUserId: 400,
      approverName: 'Olivia Owner',
    });
    expect(grantRefusal(all, full, settings, now)).toBeNull();
    expect(approvalUsedBy(all, 'FULL', now)?.id).toBe('c1');
    expect(accessRequestRefusal(asOperator({}, both), full, settings, now)).toBeNull();
  });

  it('cannot ask a member without a login or an e-mail; only an allowed urgent view remains', () => {
    for (const unreachable of [{ hasLogin: false }, { hasEmail: false }]) {
      const situation = asOperator({}, { ...unreachable, ...asking });
      expectRefusal(
        grantRefusal(situation, readOnly, settings, now),
        'member_cannot_be_asked',
        403,
      );
      expectRefusal(
        accessRequestRefusal(situation, readOnly, settings, now),
        'member_cannot_be_asked',
        403,
      );
      expectRefusal(grantRefusal(situation, urgentRead, settings, now), 'urgent_not_allowed', 403);
      const urgentAllowed = asOperator({}, { ...unreachable, ...askingUrgent });
      expect(consentOf(urgentAllowed)).toMatchObject({
        memberConsent: 'cannot_be_asked',
        urgentAllowed: true,
      });
      expect(grantRefusal(urgentAllowed, urgentRead, settings, now)).toBeNull();
    }
  });

  it('lets operators, never team administrators, start urgently, and only where allowed', () => {
    expect(grantRefusal(asOperator({}, askingUrgent), urgentRead, settings, now)).toBeNull();
    expect(approvalUsedBy(asOperator({}, askingUrgent), 'READ_ONLY', now)).toBeNull();
    expectRefusal(
      grantRefusal(asTeamAdmin({}, askingUrgent), urgentRead, settings, now),
      'urgent_not_allowed',
      403,
    );
    expect(consentOf(asTeamAdmin({}, askingUrgent))).toMatchObject({ urgentAllowed: false });
    expectRefusal(
      grantRefusal(asOperator({}, asking), urgentRead, settings, now),
      'urgent_not_allowed',
      403,
    );
    expectRefusal(grantRefusal(asOperator(), urgentRead, settings, now), 'urgent_not_allowed', 403);
    // Urgent passes over the member, never over a second operator.
    const both = policy({
      askMemberFirst: true,
      urgentViewAllowed: true,
      fullAccessNeedsSecondApproval: true,
    });
    expectRefusal(
      grantRefusal(asOperator({}, both), { ...full, urgent: true }, settings, now),
      'second_approval_required',
      403,
    );
  });

  it('lets only the member, signed in as themself, answer', () => {
    const facts = { ...consentRequest, targetUserId: bob.userId };
    expect(memberDecisionRefusal(member, facts, 'APPROVED', now)).toBeNull();
    expect(memberDecisionRefusal({ ...member, coworkerId: 99 }, facts, 'DENIED', now)).toBeNull();
    for (const other of [
      { ...member, impersonating: true },
      { ...member, userId: 301 },
      { ...member, userId: null },
      { userId: operator.userId, coworkerId: null, impersonating: false, via: 'session' as const },
      { userId: null, coworkerId: 31, impersonating: false, via: 'link' as const },
    ]) {
      expectRefusal(memberDecisionRefusal(other, facts, 'DENIED', now), 'not_found', 404);
    }
    expectRefusal(memberDecisionRefusal(member, null, 'APPROVED', now), 'not_found', 404);
    expectRefusal(
      memberDecisionRefusal(member, { ...facts, needsMemberConsent: false }, 'APPROVED', now),
      'not_found',
      404,
    );
    for (const closed of [
      { status: 'DENIED' as const },
      { memberApproved: true },
      { expiresAt: now },
    ]) {
      expectRefusal(
        memberDecisionRefusal(member, { ...facts, ...closed }, 'DENIED', now),
        'request_closed',
        400,
      );
    }
  });

  it('lets the e-mail’s link alone deny, never approve', () => {
    const facts = { ...consentRequest, targetUserId: bob.userId };
    const link = { userId: null, coworkerId: bob.id, impersonating: false, via: 'link' as const };
    expect(memberDecisionRefusal(link, facts, 'DENIED', now)).toBeNull();
    expectRefusal(memberDecisionRefusal(link, facts, 'APPROVED', now), 'sign_in_to_approve', 403);
  });

  it('keeps consent-only requests away from second approvers', () => {
    const approver = {
      userId: 400,
      impersonating: false,
      roles: [{ locationId: DOWNTOWN, role: 'ADMIN' as const }],
    };
    expectRefusal(approvalRefusal(approver, consentRequest, now), 'not_found', 404);
  });
});

describe('the table', () => {
  it('covers every refusal the rules can return', () => {
    expect([...covered].sort()).toEqual([...refusalCodes].sort());
  });
});
