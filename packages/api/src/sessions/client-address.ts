import { AsyncLocalStorage } from 'node:async_hooks';

const STORAGE_KEY = Symbol.for('hotdesk.client-address');

/**
 * The app server (packages/server) and Next.js's bundle of this package are two copies of this
 * module in one process; the store lives on `globalThis` so that both see the one the server
 * runs each request in.
 */
function storage(): AsyncLocalStorage<string> {
  const holder = globalThis as { [STORAGE_KEY]?: AsyncLocalStorage<string> };
  return (holder[STORAGE_KEY] ??= new AsyncLocalStorage<string>());
}

/**
 * Runs one request's handling with the client address the server worked out from the socket
 * (and the trusted proxies, if any). Nothing a client sends can set it: it is not a header.
 */
export function runWithClientAddress<T>(address: string | null, handle: () => T): T {
  return storage().run(address ?? '', handle);
}

/** The address of the request being handled, or null outside the app server. */
export function currentClientAddress(): string | null {
  return storage().getStore() || null;
}
