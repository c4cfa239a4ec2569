import { reportWordsMaxLength } from '@hotdesk/api';
import type { Metadata } from 'next';
import { PageContainer, PageHeader } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { ActivityList } from './activity-list';
import { ConsentRequests } from './consent-requests';
import { EmailNoticePreference } from './email-notice-preference';
import { TeamAdminPreference } from './team-admin-preference';

export const metadata: Metadata = { title: 'Account activity' };

export default async function AccountActivityPage() {
  await requireSession('/account/activity');
  return (
    <PageContainer>
      <PageHeader
        title="Account activity"
        description="Every time someone else viewed the portal as you: who, in which role, when, for how long, why, what they saw, and whether they could make changes."
      />
      <ConsentRequests />
      <TeamAdminPreference />
      <EmailNoticePreference />
      <ActivityList reportWordsMaxLength={reportWordsMaxLength} />
    </PageContainer>
  );
}
