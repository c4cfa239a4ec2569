'use client';

import { usePortalSession } from '@/components/session-context';
import { Alert } from '@/components/ui/alert';

/** The id of the notice, for the disabled controls that point at it. */
export const readOnlyNoticeId = 'bookings-read-only-reason';

/** Why bookings cannot be made or cancelled in this view, in the server's words; else nothing. */
export function ReadOnlyNotice() {
  const { session } = usePortalSession();
  const impersonation = session?.impersonation;
  if (!impersonation?.changesRefused) return null;
  return (
    <Alert tone="locked" id={readOnlyNoticeId} title="Read-only view">
      {impersonation.changesRefused} {impersonation.actorName} can see the bookings but cannot make
      or cancel one.
    </Alert>
  );
}
