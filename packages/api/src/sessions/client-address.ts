import { AsyncLocalStorage } from 'node:async_hooks';

import { processWide } from '@hotdesk/db/process-wide';

/**
 * One store per process (processWide): the app server runs each request in it, and Next.js's
 * copy of this module reads it.
 */
const storage = processWide('clientAddress', () => new AsyncLocalStorage<string>());

/**
 * Runs one request's handling with the client address the server worked out from the socket
 * (and the trusted proxies, if any). Nothing a client sends can set it: it is not a header.
 */
export function runWithClientAddress<T>(address: string | null, handle: () => T): T {
  return storage.run(address ?? '', handle);
}

/** The address of the request being handled, or null outside the app server. */
export function currentClientAddress(): string | null {
  return storage.getStore() || null;
}
