import { type z } from 'zod';

import { json, parseQuery, requireBearer, requireBearerWith, type RestRequest } from '../rest/http';
import { switchProfileQuery, type actionResult, type profilesResponse } from './profile-contract';
import {
  profilesOfSessionJson,
  profilesView,
  switchCurrentProfile,
  type ProfilesRead,
} from './profile-service';

/** GET /api/public/coworkers/profiles — Nexudus shape, PascalCase. */
export async function profilesHandler(request: RestRequest): Promise<Response> {
  // One statement: the profiles are read with the bearer's session.
  const { actor, also } = await requireBearerWith<ProfilesRead | null>(
    request,
    profilesOfSessionJson,
  );
  const view = profilesView(actor, also);
  return json({
    User: {
      Id: view.user.id,
      FullName: view.user.fullName,
      Email: view.user.email,
      Active: view.user.active,
      IsAdmin: view.user.isAdmin,
      // Hotdesk never hands a credential back in a response body the caller did not ask for.
      AccessToken: null,
    },
    DefaultBusiness: view.defaultBusiness && {
      Id: view.defaultBusiness.id,
      Name: view.defaultBusiness.name,
      WebAddress: view.defaultBusiness.webAddress,
    },
    Profiles: view.profiles.map((profile) => ({
      Id: profile.id,
      FullName: profile.fullName,
      CompanyName: profile.companyName,
      Active: profile.active,
      IsDefaultProfile: profile.isCurrent,
      CoworkerType: profile.type === 'COMPANY' ? 2 : 1,
      HasVirtualOffice: profile.hasVirtualOffice,
      VirtualOfficePaused: profile.virtualOfficePaused,
      VirtualOfficeContractId: profile.virtualOfficeContractId,
    })),
  } satisfies z.output<typeof profilesResponse>);
}

/** PUT /api/public/coworkers/profiles/current?coworkerId= */
export async function switchProfileHandler(request: RestRequest): Promise<Response> {
  const actor = await requireBearer(request);
  const { coworkerId } = parseQuery(request.url, switchProfileQuery);
  await switchCurrentProfile(request.ctx, actor, coworkerId);
  return json({
    WasSuccessful: true,
    Value: null,
    Status: 200,
    Message: null,
    Errors: null,
  } satisfies z.output<typeof actionResult>);
}
