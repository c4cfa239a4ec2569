import { TRPCError } from '@trpc/server';

/**
 * The one error type services throw. `code` decides the HTTP status and the tRPC code in
 * exactly one place (`errorStatus` below), so REST and tRPC give the same answer for the
 * same fault.
 */
export type HotdeskErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'READ_ONLY_SESSION';

export class HotdeskError extends Error {
  override readonly name = 'HotdeskError';

  constructor(
    readonly code: HotdeskErrorCode,
    message: string,
    readonly details: {
      /** The input field at fault, for 400s. */
      field?: string;
      /** OAuth-style error code for `/api/token` (`invalid_grant`, …). */
      oauthError?: string;
      /** A machine reason the apps act on (`reauthentication_required`, …). */
      reason?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
  }
}

const mapping: Record<HotdeskErrorCode, { http: number; trpc: TRPCError['code'] }> = {
  BAD_REQUEST: { http: 400, trpc: 'BAD_REQUEST' },
  UNAUTHENTICATED: { http: 401, trpc: 'UNAUTHORIZED' },
  FORBIDDEN: { http: 403, trpc: 'FORBIDDEN' },
  // A read-only impersonation is a permission fault for clients: same status as FORBIDDEN.
  READ_ONLY_SESSION: { http: 403, trpc: 'FORBIDDEN' },
  NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  CONFLICT: { http: 409, trpc: 'CONFLICT' },
  TOO_MANY_REQUESTS: { http: 429, trpc: 'TOO_MANY_REQUESTS' },
};

export function httpStatusOf(error: HotdeskError): number {
  return mapping[error.code].http;
}

export function toTrpcError(error: HotdeskError): TRPCError {
  return new TRPCError({ code: mapping[error.code].trpc, message: error.message, cause: error });
}

export const badRequest = (field: string, message: string) =>
  new HotdeskError('BAD_REQUEST', message, { field });
export const unauthenticated = (message = 'Authentication required.') =>
  new HotdeskError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new HotdeskError('FORBIDDEN', message);
export const notFound = (message: string) => new HotdeskError('NOT_FOUND', message);

/** A refusal from the impersonation rules (rules.ts), as the one error type. */
export function refusalError(refusal: {
  status: 400 | 401 | 403 | 404;
  code: string;
  message: string;
  field?: string;
}): HotdeskError {
  const code = (
    { 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as const
  )[refusal.status];
  return new HotdeskError(code, refusal.message, {
    reason: refusal.code,
    ...(refusal.field ? { field: refusal.field } : {}),
  });
}
