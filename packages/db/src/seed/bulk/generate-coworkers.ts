import {
  companyKinds,
  companyWords,
  firstNames,
  lastNames,
  personalMailDomains,
  teamUnits,
} from './bulk-names';

export interface BulkCoworker {
  fullName: string;
  email: string;
  companyName: string | null;
  type: 'INDIVIDUAL' | 'COMPANY';
  locationId: number;
  active: boolean;
  hasLogin: boolean;
  /** Index into the batch's `teams`, or null. */
  team: number | null;
  isAdministrator: boolean;
}

export interface BulkTeam {
  name: string;
  locationId: number;
}

export interface BulkBatch {
  coworkers: BulkCoworker[];
  teams: BulkTeam[];
}

export const LOGIN_SHARE = 0.5;
export const INACTIVE_SHARE = 0.08;
const COMPANY_GROUP_SHARE = 0.12;
const MIN_TEAM = 2;
const MAX_TEAM = 15;

/** mulberry32: small, fast and seedable, so a run can be reproduced from its first number. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function asciiSlug(text: string, separator: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}

/**
 * `count` coworkers numbered from `firstNumber`. The number is part of every e-mail address
 * and team name, so batches and runs that use disjoint numbers never collide.
 */
export function generateBatch(
  random: () => number,
  firstNumber: number,
  count: number,
  locationIds: readonly number[],
): BulkBatch {
  const coworkers: BulkCoworker[] = [];
  const teams: BulkTeam[] = [];
  while (coworkers.length < count) {
    const remaining = count - coworkers.length;
    const locationId = pick(random, locationIds);
    const wantsCompany = random() < COMPANY_GROUP_SHARE && remaining >= MIN_TEAM;
    const size = wantsCompany
      ? Math.min(remaining, MIN_TEAM + Math.floor(random() * (MAX_TEAM - MIN_TEAM + 1)))
      : 1;
    const company = wantsCompany
      ? `${pick(random, companyWords)} ${pick(random, companyKinds)}`
      : random() < 0.25
        ? `${pick(random, lastNames)} ${pick(random, companyKinds)}`
        : null;
    const domain = wantsCompany ? `${asciiSlug(company ?? '', '-')}.example` : undefined;
    const team = wantsCompany ? teams.length : null;
    if (wantsCompany) {
      const number = firstNumber + coworkers.length;
      teams.push({ name: `${company} ${pick(random, teamUnits)} ${number}`, locationId });
    }
    for (let member = 0; member < size; member++) {
      const number = firstNumber + coworkers.length;
      const first = pick(random, firstNames);
      const last = pick(random, lastNames);
      const local = `${asciiSlug(first, '.')}.${asciiSlug(last, '.')}.${number}`;
      coworkers.push({
        fullName: `${first} ${last}`,
        email: `${local}@${domain ?? pick(random, personalMailDomains)}`,
        companyName: company,
        type: wantsCompany ? 'COMPANY' : 'INDIVIDUAL',
        locationId,
        active: random() >= INACTIVE_SHARE,
        hasLogin: random() < LOGIN_SHARE,
        team,
        // Every team has an administrator; larger ones a second.
        isAdministrator: team !== null && (member === 0 || (member === 1 && size >= 8)),
      });
    }
  }
  return { coworkers, teams };
}
