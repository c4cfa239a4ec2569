import type { Metadata } from 'next';
import { Alert } from '@/components/ui/alert';
import { PageContainer, PageHeader } from '@/components/ui/page-header';
import { getOwnSessions, requireSession } from '@/trpc/server';
import { SessionsList } from './sessions-list';

export const metadata: Metadata = { title: 'Signed-in devices' };

export default async function SessionsPage() {
  const session = await requireSession('/account/sessions');
  return (
    <PageContainer>
      <PageHeader
        title="Signed-in devices"
        description="Everywhere you are signed in to Hotdesk: this portal, the admin app and the apps that use your account. Sign out a device you do not recognise, or everywhere at once."
      />
      {session.impersonation ? (
        // The server refuses the list too: where a member is signed in is theirs alone.
        <Alert tone="locked" title="Only the member can see this">
          Where {session.profile?.fullName ?? 'this member'} is signed in is not shown while you
          view the portal as them.
        </Alert>
      ) : (
        <SessionsList initial={await getOwnSessions()} />
      )}
    </PageContainer>
  );
}
