import { type ImpersonationKind } from '@hotdesk/db';

import { type RoleGrant } from './facts';
import { type Refusal, refuse } from './refusals';
import { mayManageLocation } from './roles';

/** The caller of a team page or team write, and, when it is a view, the person behind it. */
export interface TeamCaller {
  coworkerId: number | null;
  view: {
    kind: ImpersonationKind;
    actorRoles: readonly RoleGrant[];
    actorAdministeredTeamIds: readonly number[];
  } | null;
}

export interface TeamFacts {
  id: number;
  locationId: number;
  administratorIds: readonly number[];
  memberIds: readonly number[];
}

/**
 * Whether the caller sees a team's administration page (roster, flags, access cards). Inside a
 * view only where the real person behind it administers that team too (a team administrator of
 * it, or an ADMIN/OWNER of its location): a view never lends its viewer the member's teams.
 */
export function mayAdministerTeam(
  caller: TeamCaller,
  team: Pick<TeamFacts, 'id' | 'locationId' | 'administratorIds'>,
): boolean {
  if (caller.coworkerId === null || !team.administratorIds.includes(caller.coworkerId)) {
    return false;
  }
  const view = caller.view;
  if (!view) return true;
  return view.kind === 'TEAM_ADMIN'
    ? view.actorAdministeredTeamIds.includes(team.id)
    : mayManageLocation(view.actorRoles, team.locationId);
}

export function teamPageRefusal(caller: TeamCaller, team: TeamFacts): Refusal | null {
  return mayAdministerTeam(caller, team)
    ? null
    : refuse(403, 'not_a_team_administrator', 'Only an administrator of this team can manage it.');
}

/**
 * Whether a team administrator may make this change to a member's permissions. An impersonated
 * session never changes who may view whom, so it writes no team permission of any kind; an
 * administrator keeps their own flag, and only an operator clears another administrator's.
 */
export function teamPermissionChangeRefusal(
  caller: TeamCaller,
  team: TeamFacts | null,
  change: { memberId: number; makesAdministrator: boolean },
): Refusal | null {
  if (caller.view) {
    return refuse(
      403,
      'impersonated_session',
      'Team permissions cannot be changed while viewing as someone else.',
    );
  }
  if (!team) return refuse(404, 'not_found', 'No such team.');
  if (caller.coworkerId === null || !team.administratorIds.includes(caller.coworkerId)) {
    return refuse(
      403,
      'not_a_team_administrator',
      'Only an administrator of this team can change permissions.',
    );
  }
  if (!team.memberIds.includes(change.memberId)) {
    return refuse(
      404,
      'not_team_member',
      `Coworker ${change.memberId} is not a member of this team.`,
    );
  }
  if (change.makesAdministrator || !team.administratorIds.includes(change.memberId)) return null;
  if (change.memberId === caller.coworkerId) {
    return refuse(
      400,
      'own_administrator_flag',
      'You cannot remove your own administrator flag.',
      'IsTeamAdministrator',
    );
  }
  return refuse(
    403,
    'other_administrator_flag',
    "Only the coworking space's staff can remove another administrator's flag.",
  );
}
