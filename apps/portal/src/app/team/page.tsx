import type { Metadata } from 'next';
import { PageContainer, PageHeader } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { TeamList } from './team-list';

export const metadata: Metadata = { title: 'Team' };

export default async function TeamPage() {
  const session = await requireSession('/team');
  const location = session.profile?.location.name;

  return (
    <PageContainer>
      <PageHeader
        eyebrow={location}
        title="Your teams"
        description="The teams of your current profile. Team administrators manage what each member may do."
      />
      <TeamList />
    </PageContainer>
  );
}
