import type { Metadata } from 'next';
import { PageContainer, PageHeader } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { MembershipView } from './membership-view';

export const metadata: Metadata = { title: 'Membership' };

export default async function MembershipPage() {
  const session = await requireSession('/membership');
  return (
    <PageContainer>
      <PageHeader
        eyebrow={session.profile?.location.name}
        title="Membership"
        description="Your plan and contract, the card on file, your door PIN and your recent visits."
      />
      <MembershipView />
    </PageContainer>
  );
}
