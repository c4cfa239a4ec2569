import type { Metadata } from 'next';
import { Dashboard } from '@/components/dashboard/dashboard';
import { Landing } from '@/components/landing';
import { getSession } from '@/trpc/server';

export async function generateMetadata(): Promise<Metadata> {
  return (await getSession()) ? { title: 'Dashboard' } : {};
}

/** Members see their dashboard; signed-out visitors the welcome page. */
export default async function HomePage() {
  const session = await getSession();
  return session ? <Dashboard session={session} /> : <Landing />;
}
