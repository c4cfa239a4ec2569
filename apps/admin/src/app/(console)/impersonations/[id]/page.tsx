import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ImpersonationTimelineView } from './impersonation-timeline-view';

export const metadata: Metadata = { title: 'Impersonation timeline' };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ImpersonationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!uuid.test(id)) notFound();
  return <ImpersonationTimelineView impersonationId={id} />;
}
