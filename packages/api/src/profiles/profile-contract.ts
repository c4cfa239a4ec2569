import { z } from 'zod';

import { recordId, recordIdText } from '../contract/fields';
import {
  errorBody,
  malformedInput,
  restComponents,
  unauthenticatedBearer,
  unavailable,
  type RestOperation,
} from '../contract/rest-operation';

// What the profile operations take and answer, for profile-rest.ts and profile-router.ts.

export const switchProfileInput = z.object({ coworkerId: recordId });
export const switchProfileQuery = z.object({
  coworkerId: recordIdText.meta({ description: 'The profile to switch to.' }),
});

export const profilesResponse = z.object({
  User: z.object({
    Id: z.int().nullable(),
    FullName: z.string(),
    Email: z.string().nullable(),
    Active: z.boolean(),
    IsAdmin: z.boolean(),
    AccessToken: z.null().meta({ description: 'Always null: Hotdesk does not echo credentials.' }),
  }),
  DefaultBusiness: z.object({ Id: z.int(), Name: z.string(), WebAddress: z.string() }).nullable(),
  Profiles: z.array(
    z.object({
      Id: z.int(),
      FullName: z.string(),
      CompanyName: z.string().nullable(),
      Active: z.boolean(),
      IsDefaultProfile: z.boolean().meta({ description: 'The session’s current profile.' }),
      CoworkerType: z.union([z.literal(1), z.literal(2)]).meta({
        description: '1 individual, 2 company.',
      }),
      HasVirtualOffice: z.boolean(),
      VirtualOfficePaused: z.boolean(),
      VirtualOfficeContractId: z.int().nullable(),
    }),
  ),
});
restComponents.add(profilesResponse, { id: 'Profiles' });

export const actionResult = z.object({
  WasSuccessful: z.literal(true),
  Value: z.null(),
  Status: z.literal(200),
  Message: z.null(),
  Errors: z.null(),
});
restComponents.add(actionResult, { id: 'ActionResult' });

export const listProfilesOperation: RestOperation = {
  method: 'get',
  path: '/api/public/coworkers/profiles',
  operationId: 'listProfiles',
  summary: 'The caller’s profiles (only the impersonated one while impersonating)',
  bearer: true,
  look: { summary: 'viewed your profile' },
  responses: {
    200: { description: 'Profiles.', body: profilesResponse },
    401: unauthenticatedBearer,
    503: unavailable,
  },
};

export const switchProfileOperation: RestOperation = {
  method: 'put',
  path: '/api/public/coworkers/profiles/current',
  operationId: 'switchCurrentProfile',
  summary: 'Make one of the caller’s active profiles the current one',
  bearer: true,
  query: switchProfileQuery,
  responses: {
    200: { description: 'Switched.', body: actionResult },
    400: malformedInput('Malformed input'),
    401: unauthenticatedBearer,
    403: { description: 'A read-only impersonated session.', body: errorBody },
    404: { description: 'Not one of the caller’s active profiles.', body: errorBody },
    503: unavailable,
  },
};
