import { z } from 'zod';

import { pageInput, pageQuery, recordId, recordIdText } from '../contract/fields';
import {
  errorBody,
  malformedInput,
  restComponents,
  unauthenticatedBearer,
  unavailable,
  type RestOperation,
} from '../contract/rest-operation';

// What the team operations take and answer, for team-rest.ts and team-router.ts.

const permissionFlag = z.boolean({ error: 'must be true or false' });
const accessCardId = z
  .string()
  .trim()
  .max(15, 'must be at most 15 characters')
  .nullable()
  .optional();

export const myTeamsInput = z.object({ isTeamAdmin: z.boolean().optional(), ...pageInput });
export const myTeamsQuery = z.object({
  isTeamAdmin: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .meta({ description: 'Only the teams the caller administers (true) or only the others.' }),
  ...pageQuery,
});

export const memberPermissionsInput = z.object({
  isTeamAdministrator: permissionFlag,
  canMakeBookings: permissionFlag,
  canBookForTeam: permissionFlag,
  canPurchaseProducts: permissionFlag,
  canPurchaseEvents: permissionFlag,
  canAccessCommunity: permissionFlag,
  accessCardId,
});
export const updatePermissionsInput = z.object({
  teamId: recordId,
  memberId: recordId,
  permissions: memberPermissionsInput,
});

export const updatePermissionsPath = z.object({
  teamId: recordIdText.meta({ description: 'The team.' }),
  memberId: recordIdText.meta({ description: 'The member’s coworker id.' }),
});
/** The same permissions, spelled as Nexudus spells them. */
export const permissionsBody = z.object({
  IsTeamAdministrator: permissionFlag,
  CanMakeBookings: permissionFlag,
  CanBookForTeam: permissionFlag,
  CanPurchaseProducts: permissionFlag,
  CanPurchaseEvents: permissionFlag,
  CanAccessCommunity: permissionFlag,
  AccessCardId: accessCardId,
});

const team = z.object({
  Id: z.int(),
  Name: z.string(),
  TeamMembers: z.array(z.int()).meta({ description: 'Coworker ids.' }),
  TeamAdministrators: z.array(z.int()).meta({ description: 'Coworker ids.' }),
  AllTeamMembers: z.array(
    z.object({
      Id: z.int(),
      FullName: z.string(),
      Email: z.string().nullable(),
      IsTeamAdministrator: z.boolean(),
    }),
  ),
});
restComponents.add(team, { id: 'Team' });

export const teamPage = z.object({
  Records: z.array(team),
  CurrentPage: z.int(),
  CurrentPageSize: z.int(),
  PageNumber: z.int(),
  PageSize: z.int(),
  TotalItems: z.int(),
  TotalPages: z.int(),
  HasNextPage: z.boolean(),
  HasPreviousPage: z.boolean(),
  FirstItem: z.int(),
  LastItem: z.int(),
  CurrentOrderField: z.literal('Name'),
  CurrentSortDirection: z.literal('Ascending'),
});
restComponents.add(teamPage, { id: 'TeamPage' });

export const myTeamsOperation: RestOperation = {
  method: 'get',
  path: '/api/public/teams/my',
  operationId: 'listMyTeams',
  summary: 'Teams of the caller’s current profile, by name',
  bearer: true,
  look: { summary: 'viewed your teams' },
  query: myTeamsQuery,
  responses: {
    200: { description: 'A page of teams.', body: teamPage },
    400: malformedInput('Malformed input'),
    401: unauthenticatedBearer,
    503: unavailable,
  },
};

export const updatePermissionsOperation: RestOperation = {
  method: 'put',
  path: '/api/public/teams/{teamId}/permissions/{memberId}',
  operationId: 'updateMemberPermissions',
  summary: 'Change a team member’s permissions (team administrators only)',
  bearer: true,
  pathParameters: updatePermissionsPath,
  body: { contentType: 'application/json', schema: permissionsBody },
  responses: {
    200: { description: 'Updated (empty body).' },
    400: malformedInput('Malformed body, or an administrator removing their own flag'),
    401: unauthenticatedBearer,
    403: {
      description:
        'Not an administrator of this team, clearing another administrator’s flag, or any ' +
        'impersonated session.',
      body: errorBody,
    },
    404: { description: 'No such team, or not a member of it.', body: errorBody },
    503: unavailable,
  },
};
