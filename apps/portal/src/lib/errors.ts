import type { PortalRouter } from '@hotdesk/api';
import { TRPCClientError } from '@trpc/client';

export type PortalClientError = TRPCClientError<PortalRouter>;

export function isPortalClientError(error: unknown): error is PortalClientError {
  return error instanceof TRPCClientError;
}

/** A sentence for people: the server's own message when it sent one, else a generic line. */
export function describeError(error: unknown): string {
  if (isPortalClientError(error)) {
    if (error.cause?.name === 'SessionChangedError') return error.message;
    if (!error.data) return 'We could not reach Hotdesk. Check your connection and try again.';
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}

export function errorCode(error: unknown): string | null {
  return isPortalClientError(error) ? (error.data?.code ?? null) : null;
}
