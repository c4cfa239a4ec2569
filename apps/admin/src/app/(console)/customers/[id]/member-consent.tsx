'use client';

import { Clock, UserCheck, UserX, XCircle } from 'lucide-react';
import { formatTime } from '@/lib/format';
import { type RouterOutputs } from '@/lib/trpc';
import { Notice } from './access-approval';

type Viewability = RouterOutputs['impersonation']['viewability'];
type OwnRequest = RouterOutputs['accessRequests']['mine'];
type Mode = 'READ_ONLY' | 'FULL';
export type MemberConsent =
  'not_needed' | 'needed' | 'waiting' | 'approved' | 'declined' | 'cannot_be_asked';

/** What the server's terms say about the member's own yes for this mode (rules/ decides). */
export function memberConsentOf(
  answer: Viewability,
  mode: Mode,
): { state: MemberConsent; until: Date | null; urgentAllowed: boolean } {
  const terms = answer.allowed ? answer.modes[mode] : null;
  if (!terms?.allowed) return { state: 'not_needed', until: null, urgentAllowed: false };
  return {
    state: terms.memberConsent,
    until: terms.consentUntil,
    urgentAllowed: terms.urgentAllowed,
  };
}

/** Whether the view waits on a request the operator still has to send. */
export const consentToAsk = (state: MemberConsent) => state === 'needed' || state === 'declined';

/**
 * Where the member's yes stands, in words: not asked yet, waiting (until when), agreed, declined,
 * no answer in time, or cannot be asked (and whether an urgent view remains).
 */
export function MemberConsentNotice({
  name,
  consent,
  request,
}: {
  name: string;
  consent: ReturnType<typeof memberConsentOf>;
  request: OwnRequest | undefined;
}) {
  const { state, until, urgentAllowed } = consent;
  const urgent = urgentAllowed
    ? ' If it cannot wait, mark the view urgent: they are told afterwards.'
    : '';
  switch (state) {
    case 'not_needed':
      return null;
    case 'approved':
      return (
        <Notice tone="green" icon={UserCheck} testId="consent-approved">
          {name} agreed. Open the portal{until ? ` before ${formatTime(until)}` : ''}: their yes
          works once.
        </Notice>
      );
    case 'waiting':
      return (
        <Notice tone="amber" icon={Clock} testId="consent-waiting">
          {request?.memberAnswer === 'approved'
            ? `${name} agreed; waiting for the second approval.`
            : `Waiting for ${name} to agree${until ? ` (until ${formatTime(until)})` : ''}. They answer in the portal; this dialog updates when they do.`}
        </Notice>
      );
    case 'declined':
      return (
        <Notice tone="amber" icon={XCircle} testId="consent-declined">
          {name} declined. Ask again only if they expect it.{urgent}
        </Notice>
      );
    case 'cannot_be_asked':
      return (
        <Notice tone="amber" icon={UserX} testId="consent-cannot-be-asked">
          {name} cannot be asked: they have no portal login or no e-mail address.
          {urgentAllowed
            ? ' Only an urgent view remains: they are told afterwards.'
            : ' This location does not allow urgent views.'}
        </Notice>
      );
    case 'needed':
      return (
        <Notice tone="amber" icon={Clock} testId="consent-needed">
          {request?.status === 'EXPIRED' && request.needsMemberConsent
            ? `${name} did not answer in time. `
            : ''}
          This location asks the member first: {name} has to agree before the view starts.{urgent}
        </Notice>
      );
  }
}
