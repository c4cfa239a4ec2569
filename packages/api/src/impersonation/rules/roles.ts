import { type Role, type RoleGrant } from './facts';
import { type Refusal, refuse } from './refusals';

const impersonatingRoles: ReadonlySet<Role> = new Set(['OWNER', 'ADMIN', 'OPERATOR']);
const managingRoles: ReadonlySet<Role> = new Set(['OWNER', 'ADMIN']);

function covers(roles: readonly RoleGrant[], kinds: ReadonlySet<Role>, locationId: number) {
  return roles.some(
    (grant) =>
      kinds.has(grant.role) && (grant.locationId === null || grant.locationId === locationId),
  );
}

/** Operators who may view as the customers of this location (VIEWERs only look). */
export function mayImpersonateAt(roles: readonly RoleGrant[], locationId: number): boolean {
  return covers(roles, impersonatingRoles, locationId);
}

/** Whether the roles let their holder impersonate anywhere at all. */
export function impersonatesAnywhere(roles: readonly RoleGrant[]): boolean {
  return roles.some((grant) => impersonatingRoles.has(grant.role));
}

/** OWNERs and ADMINs manage a location: its policy, and its team administrators. */
export function mayManageLocation(roles: readonly RoleGrant[], locationId: number): boolean {
  return covers(roles, managingRoles, locationId);
}

/** Why these roles may not `action` at this location (e.g. "change its policy"), or null. */
export function locationManagerRefusal(
  roles: readonly RoleGrant[],
  locationId: number,
  action: string,
): Refusal | null {
  return mayManageLocation(roles, locationId)
    ? null
    : refuse(
        403,
        'not_a_location_manager',
        `Only ADMINs and OWNERs of this location can ${action}.`,
      );
}

/** The members' reports of a location go to those who manage it: its ADMINs and OWNERs. */
export function mayReviewReportsAt(roles: readonly RoleGrant[], locationId: number): boolean {
  return mayManageLocation(roles, locationId);
}

/** Where the roles let their holder review reports: every location, or these. */
export function reportReviewLocations(roles: readonly RoleGrant[]): 'all' | number[] {
  if (roles.some((grant) => grant.locationId === null && managingRoles.has(grant.role))) {
    return 'all';
  }
  const ids = roles.flatMap((grant) => (grant.locationId === null ? [] : [grant.locationId]));
  return [...new Set(ids)].filter((id) => mayReviewReportsAt(roles, id));
}
