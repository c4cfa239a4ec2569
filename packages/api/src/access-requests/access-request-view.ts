import { type ImpersonationKind, type ImpersonationMode, type Prisma } from '@hotdesk/db';

import { viewerOf } from '../impersonation/impersonation-snapshot';
import {
  approvalRefusal,
  type AccessRequestFacts,
  type AccessRequestStatus,
} from '../impersonation/rules';
import { type Actor } from '../sessions/actor';

/** What every read of a request selects: the row and the names the views show. */
export const requestSelect = {
  id: true,
  kind: true,
  mode: true,
  reason: true,
  requesterUserId: true,
  targetCoworkerId: true,
  locationId: true,
  status: true,
  createdAt: true,
  expiresAt: true,
  secondApprovedAt: true,
  decidedAt: true,
  needsSecondApproval: true,
  needsMemberConsent: true,
  memberApprovedAt: true,
  memberDeniedAt: true,
  requester: { select: { fullName: true } },
  secondApprover: { select: { fullName: true } },
  target: { select: { fullName: true, userId: true } },
  location: { select: { name: true } },
} satisfies Prisma.AccessRequestSelect;

export type RequestRow = Prisma.AccessRequestGetPayload<{ select: typeof requestSelect }>;

/** A request as the admin app shows it; `canDecide` is the rules' answer for the caller. */
export interface AccessRequestView {
  id: string;
  kind: ImpersonationKind;
  mode: ImpersonationMode;
  reason: string | null;
  status: AccessRequestStatus;
  requester: { id: number; fullName: string };
  target: { id: number; fullName: string };
  location: { id: number; name: string };
  createdAt: Date;
  expiresAt: Date;
  approvedBy: string | null;
  decidedAt: Date | null;
  needsSecondApproval: boolean;
  needsMemberConsent: boolean;
  /** The member's answer where they are asked: none yet, yes, or no. */
  memberAnswer: 'waiting' | 'approved' | 'denied' | null;
  canDecide: boolean;
  /** Why the caller may not decide, when they may not. */
  cannotDecideBecause: string | null;
}

/** A waiting request past its time reads as expired, whatever its stored status says. */
function statusAt(row: Pick<RequestRow, 'status' | 'expiresAt'>, now: Date): AccessRequestStatus {
  const waiting = row.status === 'PENDING' || row.status === 'APPROVED';
  return waiting && row.expiresAt <= now ? 'EXPIRED' : row.status;
}

/** What the rules decide a request on, from its row. */
export function factsOf(row: Omit<LockedRow, 'targetUserId'>) {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    requesterUserId: row.requesterUserId,
    targetCoworkerId: row.targetCoworkerId,
    locationId: row.locationId,
    status: row.status,
    expiresAt: row.expiresAt,
    needsSecondApproval: row.needsSecondApproval,
    needsMemberConsent: row.needsMemberConsent,
    secondApproved: row.secondApprovedAt !== null,
    memberApproved: row.memberApprovedAt !== null,
  } satisfies AccessRequestFacts;
}

function memberAnswerOf(row: RequestRow): AccessRequestView['memberAnswer'] {
  if (!row.needsMemberConsent) return null;
  if (row.memberDeniedAt) return 'denied';
  return row.memberApprovedAt ? 'approved' : 'waiting';
}

/** The request as the caller sees it, with whether they may decide it now. */
export function toView(actor: Actor | null, row: RequestRow, now: Date): AccessRequestView {
  const refusal = actor
    ? approvalRefusal(viewerOf(actor, []), factsOf(row), now)
    : { message: 'Only operators can decide on access requests.' };
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    reason: row.reason,
    status: statusAt(row, now),
    requester: { id: row.requesterUserId, fullName: row.requester.fullName },
    target: { id: row.targetCoworkerId, fullName: row.target.fullName },
    location: { id: row.locationId, name: row.location.name },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    approvedBy: row.secondApprover?.fullName ?? null,
    decidedAt: row.decidedAt,
    needsSecondApproval: row.needsSecondApproval,
    needsMemberConsent: row.needsMemberConsent,
    memberAnswer: memberAnswerOf(row),
    canDecide: refusal === null,
    cannotDecideBecause: refusal?.message ?? null,
  };
}

/** A request's row as a decision locks it, with the member's user. */
export type LockedRow = Omit<
  RequestRow,
  'requester' | 'secondApprover' | 'target' | 'location' | 'reason' | 'createdAt' | 'decidedAt'
> & { targetUserId: number | null };
