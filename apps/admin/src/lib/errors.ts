import { TRPCClientError } from '@trpc/client';

/** What the server's error formatter adds to every tRPC error (see packages/api trpc/init.ts). */
export interface ApiErrorData {
  code?: string;
  httpStatus?: number;
  field?: string | null;
  reason?: string | null;
  retryAfterSeconds?: number | null;
}

export function apiErrorData(error: unknown): ApiErrorData {
  if (error instanceof TRPCClientError && error.data && typeof error.data === 'object') {
    return error.data as ApiErrorData;
  }
  return {};
}

export function isUnauthorized(error: unknown): boolean {
  return apiErrorData(error).code === 'UNAUTHORIZED';
}

/** A sentence for a person: the server's message when it has one, never a stack or a code. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.') {
  if (error instanceof TRPCClientError) {
    if (!error.data) return 'The server could not be reached. Check your connection and retry.';
    const data = apiErrorData(error);
    // Input validation errors carry zod's JSON as their message: say it plainly instead.
    if (data.code === 'BAD_REQUEST' && error.message.trim().startsWith('[')) {
      return 'Some of the values entered are not valid.';
    }
    return error.message || fallback;
  }
  return fallback;
}

/** "5 minutes", "40 seconds": for Retry-After style waits. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
