import { type BadgeTone } from '@/components/ui/badge';
import { type ImpersonationView } from './trpc';

const endedLabels: Record<string, string> = {
  EXITED: 'Exited',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
  ACTOR_SESSION_ENDED: 'Ended: operator signed out',
  RIGHT_WITHDRAWN: 'Ended: right withdrawn',
  MEMBER_REPORTED: 'Ended: member reported it',
};

/** How an ended impersonation ended, in words. */
export const endedLabel = (reason: string | null) => endedLabels[reason ?? ''] ?? 'Ended';

/** Where one impersonation stands, in words and colour. */
export function impersonationStatus(
  view: Pick<ImpersonationView, 'status' | 'endedReason' | 'expiresAt'>,
  now: number,
): { label: string; tone: BadgeTone } {
  if (view.status === 'ended') {
    return { label: endedLabel(view.endedReason), tone: 'neutral' };
  }
  if (view.expiresAt.getTime() <= now) {
    return { label: view.status === 'pending' ? 'Link expired' : 'Expired', tone: 'neutral' };
  }
  return view.status === 'pending'
    ? { label: 'Waiting for portal', tone: 'amber' }
    : { label: 'Active', tone: 'green' };
}
