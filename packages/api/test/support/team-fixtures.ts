/** A team member's permissions for tests that change them. */

/** A valid set of a team member's permissions, as the tRPC procedure takes it. */
export const memberPermissions = {
  isTeamAdministrator: false,
  canMakeBookings: true,
  canBookForTeam: false,
  canPurchaseProducts: true,
  canPurchaseEvents: true,
  canAccessCommunity: true,
};

/** The same, as the REST contract's JSON body spells it. */
export const memberPermissionsBody = {
  IsTeamAdministrator: false,
  CanMakeBookings: true,
  CanBookForTeam: false,
  CanPurchaseProducts: true,
  CanPurchaseEvents: true,
  CanAccessCommunity: true,
};
