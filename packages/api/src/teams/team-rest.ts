import { type z } from 'zod';

import { badRequest } from '../errors';
import { empty, json, parseQuery, parseWith, requireBearer, type RestRequest } from '../rest/http';
import {
  myTeamsQuery,
  permissionsBody,
  updatePermissionsPath,
  type teamPage,
} from './team-contract';
import { updateMemberPermissions } from './team-permissions';
import { listMyTeams } from './team-service';

/** GET /api/public/teams/my?isTeamAdmin=&_page=&_pageSize= — a Nexudus paged list. */
export async function myTeamsHandler(request: RestRequest): Promise<Response> {
  const actor = await requireBearer(request);
  const query = parseQuery(request.url, myTeamsQuery);
  const { _page: page, _pageSize: pageSize } = query;
  const { teams, total } = await listMyTeams(request.ctx, actor, {
    isTeamAdmin: query.isTeamAdmin === undefined ? undefined : query.isTeamAdmin === 'true',
    page,
    pageSize,
  });
  const totalPages = Math.ceil(total / pageSize);
  const firstItem = total === 0 ? 0 : (page - 1) * pageSize + 1;
  return json({
    Records: teams.map((team) => ({
      Id: team.id,
      Name: team.name,
      TeamMembers: team.members.map((m) => m.coworkerId),
      TeamAdministrators: team.members.filter((m) => m.isAdministrator).map((m) => m.coworkerId),
      AllTeamMembers: team.members.map((m) => ({
        Id: m.coworkerId,
        FullName: m.fullName,
        Email: m.email,
        IsTeamAdministrator: m.isAdministrator,
      })),
    })),
    CurrentPage: page,
    CurrentPageSize: teams.length,
    PageNumber: page,
    PageSize: pageSize,
    TotalItems: total,
    TotalPages: totalPages,
    HasNextPage: page < totalPages,
    HasPreviousPage: page > 1,
    FirstItem: firstItem,
    LastItem: total === 0 ? 0 : firstItem + teams.length - 1,
    CurrentOrderField: 'Name',
    CurrentSortDirection: 'Ascending',
  } satisfies z.output<typeof teamPage>);
}

/** PUT /api/public/teams/{teamId}/permissions/{memberId} */
export async function updatePermissionsHandler(request: RestRequest): Promise<Response> {
  const actor = await requireBearer(request);
  const { teamId, memberId } = parseWith(updatePermissionsPath, request.params);
  let body: unknown;
  try {
    body = await request.req.json();
  } catch {
    throw badRequest('body', 'body: must be a JSON object');
  }
  const input = parseWith(permissionsBody, body);
  await updateMemberPermissions(request.ctx, actor, {
    teamId,
    memberId,
    permissions: {
      isTeamAdministrator: input.IsTeamAdministrator,
      canMakeBookings: input.CanMakeBookings,
      canBookForTeam: input.CanBookForTeam,
      canPurchaseProducts: input.CanPurchaseProducts,
      canPurchaseEvents: input.CanPurchaseEvents,
      canAccessCommunity: input.CanAccessCommunity,
      accessCardId: input.AccessCardId,
    },
  });
  return empty(200);
}
