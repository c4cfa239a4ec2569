import type { Metadata } from 'next';
import { ActiveImpersonationsView } from './active-impersonations-view';

export const metadata: Metadata = { title: 'Active impersonations' };

export default function ImpersonationsPage() {
  return <ActiveImpersonationsView />;
}
