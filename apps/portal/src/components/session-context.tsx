'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { PortalSession, ProfilesView } from '@/lib/session';

interface SessionContextValue {
  session: PortalSession | null;
  profiles: ProfilesView | null;
  /** The admin app, where an operator returns after viewing a member's portal. */
  adminUrl: string;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({
  value,
  children,
}: {
  value: SessionContextValue;
  children: ReactNode;
}) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function usePortalSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('usePortalSession must be used inside <Providers>.');
  return value;
}

/** True when the server says this session may change nothing (a read-only view). */
export function useReadOnly(): boolean {
  return Boolean(usePortalSession().session?.impersonation?.changesRefused);
}
