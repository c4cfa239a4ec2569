import { type OperatorRoleKind } from '../generated/prisma/enums';

/** The password of every demo account (DESIGN.md, "Demo data"). */
export const DEMO_PASSWORD = 'hotdesk-demo';

/** Base32 secret of frank's authenticator; public on purpose, it exists only in demo data. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export const demoLocations = {
  downtown: {
    name: 'Downtown Hub',
    webAddress: 'downtown',
    timeZone: 'Europe/London',
    currency: 'GBP',
  },
  riverside: {
    name: 'Riverside Works',
    webAddress: 'riverside',
    timeZone: 'America/New_York',
    currency: 'USD',
  },
} as const;

export type DemoLocationKey = keyof typeof demoLocations;

export const demoTeams = {
  acme: { name: 'Acme', location: 'downtown' },
  rivet: { name: 'Rivet', location: 'riverside' },
} as const satisfies Record<string, { name: string; location: DemoLocationKey }>;

export type DemoTeamKey = keyof typeof demoTeams;

export interface DemoOperator {
  email: string;
  fullName: string;
  role: OperatorRoleKind;
  /** `null`: every location. */
  location: DemoLocationKey | null;
}

export interface DemoMember {
  email: string;
  fullName: string;
  /** One coworker profile per entry. */
  profiles: ReadonlyArray<{
    location: DemoLocationKey;
    team?: { key: DemoTeamKey; isAdministrator: boolean };
  }>;
  /** false: the user and every profile are suspended. */
  active: boolean;
  mustResetPassword: boolean;
  totpSecret: string | null;
}

const member = (
  email: string,
  fullName: string,
  profiles: DemoMember['profiles'],
  facts: Partial<Pick<DemoMember, 'active' | 'mustResetPassword' | 'totpSecret'>> = {},
): DemoMember => ({
  email,
  fullName,
  profiles,
  active: facts.active ?? true,
  mustResetPassword: facts.mustResetPassword ?? false,
  totpSecret: facts.totpSecret ?? null,
});

export const demoAccounts = {
  owner: {
    email: 'owner@hotdesk.test',
    fullName: 'Olivia Owner',
    role: 'OWNER',
    location: null,
  },
  downtownAdmin: {
    email: 'admin@downtown.hotdesk.test',
    fullName: 'Dana Downtown',
    role: 'ADMIN',
    location: 'downtown',
  },
  downtownViewer: {
    email: 'viewer@downtown.hotdesk.test',
    fullName: 'Victor Viewer',
    role: 'VIEWER',
    location: 'downtown',
  },
  riversideAdmin: {
    email: 'admin@riverside.hotdesk.test',
    fullName: 'Rita Riverside',
    role: 'ADMIN',
    location: 'riverside',
  },
  alice: member('alice@example.com', 'Alice Anderson', [
    { location: 'downtown', team: { key: 'acme', isAdministrator: true } },
  ]),
  bob: member('bob@example.com', 'Bob Brown', [
    { location: 'downtown', team: { key: 'acme', isAdministrator: false } },
  ]),
  carol: member('carol@example.com', 'Carol Clark', [
    { location: 'downtown' },
    { location: 'riverside' },
  ]),
  dave: member('dave@example.com', 'Dave Davis', [{ location: 'downtown' }], { active: false }),
  erin: member('erin@example.com', 'Erin Evans', [
    { location: 'riverside', team: { key: 'rivet', isAdministrator: false } },
  ]),
  frank: member('frank@example.com', 'Frank Foster', [{ location: 'downtown' }], {
    totpSecret: DEMO_TOTP_SECRET,
  }),
  grace: member('grace@example.com', 'Grace Green', [{ location: 'downtown' }], {
    mustResetPassword: true,
  }),
} as const satisfies Record<string, DemoOperator | DemoMember>;

export type DemoAccountKey = keyof typeof demoAccounts;

export function isDemoOperator(account: DemoOperator | DemoMember): account is DemoOperator {
  return 'role' in account;
}
