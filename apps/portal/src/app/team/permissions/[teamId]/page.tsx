import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageContainer } from '@/components/ui/page-header';
import { requireSession } from '@/trpc/server';
import { PermissionsPanel } from './permissions-panel';

export const metadata: Metadata = { title: 'Team permissions' };

export default async function TeamPermissionsPage({
  params,
}: PageProps<'/team/permissions/[teamId]'>) {
  const { teamId: raw } = await params;
  const teamId = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(teamId) || teamId < 1 || teamId > 2_147_483_647) notFound();
  await requireSession(`/team/permissions/${teamId}`);

  return (
    <PageContainer>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/team" className="font-medium text-indigo-600 hover:text-indigo-500">
          Your teams
        </Link>
        <span aria-hidden="true"> / </span>
        <span>Permissions</span>
      </nav>
      <PermissionsPanel teamId={teamId} />
    </PageContainer>
  );
}
