'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { type Operator } from './trpc';

/** One of the calls that end this console's session; it answers with what the toast says. */
export type EndSession = () => Promise<string>;

interface OperatorState {
  operator: Operator;
  /** The location picked in the header's switcher; null means all of the operator's locations. */
  workingLocationId: number | null;
  setWorkingLocationId: (locationId: number | null) => void;
  /**
   * Ends this console's session with `end` (a sign-out call) and leaves for sign-in; the reads
   * already sent are answered first.
   */
  leave: (end: EndSession) => void;
}

const OperatorContext = createContext<OperatorState | null>(null);

const storageKey = (userId: number) => `hotdesk-admin:working-location:${userId}`;

function readStoredLocation(operator: Operator): number | null {
  if (typeof window === 'undefined' || operator.locations.length < 2) return null;
  const stored = Number(window.localStorage.getItem(storageKey(operator.user.id)));
  return operator.locations.some((location) => location.id === stored) ? stored : null;
}

export function OperatorProvider({
  operator,
  leave,
  children,
}: {
  operator: Operator;
  leave: (end: EndSession) => void;
  children: ReactNode;
}) {
  const [workingLocationId, setWorkingLocation] = useState(() => readStoredLocation(operator));
  const setWorkingLocationId = useCallback(
    (locationId: number | null) => {
      setWorkingLocation(locationId);
      const key = storageKey(operator.user.id);
      if (locationId === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, String(locationId));
    },
    [operator.user.id],
  );
  const value = useMemo<OperatorState>(
    () => ({ operator, workingLocationId, setWorkingLocationId, leave }),
    [operator, workingLocationId, setWorkingLocationId, leave],
  );
  return <OperatorContext.Provider value={value}>{children}</OperatorContext.Provider>;
}

export function useOperator(): OperatorState {
  const value = useContext(OperatorContext);
  if (!value) throw new Error('useOperator must be used inside the console shell.');
  return value;
}

/**
 * A page's location filter: the `location` query parameter when present ("all" or an id),
 * otherwise the header's working location.
 */
export function useLocationFilter(param: string | null): number | null {
  const { operator, workingLocationId } = useOperator();
  if (param === 'all') return null;
  const id = Number(param);
  if (param !== null && operator.locations.some((location) => location.id === id)) return id;
  return workingLocationId;
}
