import { formatTime, modeName } from './format';
import { type RouterOutputs } from './trpc';

export type OwnAccessRequest = RouterOutputs['accessRequests']['recent'][number];

export type OutcomeTone = 'waiting' | 'approved' | 'refused' | 'lapsed' | 'used';

export interface RequestOutcome {
  tone: OutcomeTone;
  title: string;
  detail: string;
}

/**
 * Where one of the operator's own requests stands, in words: the same words in the toast that
 * announces a change and in the list of their requests.
 */
export function requestOutcome(request: OwnAccessRequest): RequestOutcome {
  const what = `${modeName(request.mode)} to ${request.target.fullName}`;
  const member = request.target.fullName;
  switch (request.status) {
    case 'PENDING':
      if (request.memberAnswer === 'approved') {
        return {
          tone: 'waiting',
          title: `${member} agreed`,
          detail: `${what} now waits for a second ADMIN or OWNER of ${request.location.name}.`,
        };
      }
      return {
        tone: 'waiting',
        title: `Waiting: ${what}`,
        detail: `${waitingFor(request)} until ${formatTime(request.expiresAt)}.`,
      };
    case 'APPROVED':
      return {
        tone: 'approved',
        title: `Approved: ${what}`,
        detail: `${yeses(request)}. Open the portal from their page before ${formatTime(request.expiresAt)}: it works once.`,
      };
    case 'DENIED':
      return request.memberAnswer === 'denied'
        ? { tone: 'refused', title: `${member} declined`, detail: `${what} was not agreed.` }
        : {
            tone: 'refused',
            title: `Denied: ${what}`,
            detail: `Another ADMIN or OWNER of ${request.location.name} said no.`,
          };
    case 'EXPIRED':
      if (request.decidedAt) {
        return {
          tone: 'lapsed',
          title: `Lapsed unused: ${what}`,
          detail:
            'The approval ran out before the view was opened. Ask again if you still need it.',
        };
      }
      return {
        tone: 'lapsed',
        title: `Expired: ${what}`,
        detail:
          request.memberAnswer === 'waiting'
            ? `${member} did not answer in time.`
            : 'Nobody decided in time.',
      };
    case 'USED':
      return { tone: 'used', title: `Used: ${what}`, detail: 'You opened the view.' };
  }
}

function waitingFor(request: OwnAccessRequest): string {
  const operator = `a second ADMIN or OWNER of ${request.location.name}`;
  if (request.needsMemberConsent && request.needsSecondApproval) {
    return `Waiting for ${request.target.fullName} and ${operator}`;
  }
  return `Waiting for ${request.needsMemberConsent ? request.target.fullName : operator}`;
}

function yeses(request: OwnAccessRequest): string {
  const agreed = request.memberAnswer === 'approved' ? `${request.target.fullName} agreed` : null;
  const approved = request.approvedBy ? `approved by ${request.approvedBy}` : null;
  const both = [agreed, approved].filter(Boolean).join(', ');
  return both ? both.charAt(0).toUpperCase() + both.slice(1) : 'Approved';
}

/** What changes of a request are worth telling: its status and the member's answer. */
export const outcomeKey = (request: OwnAccessRequest) =>
  `${request.status}:${request.memberAnswer ?? ''}`;
