import { TRPCError } from '@trpc/server';

import { databaseFaultOf, type DatabaseFault } from './database-faults';
import { logger } from './logging/logger';

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
  | 'READ_ONLY_SESSION'
  | 'UNAVAILABLE';

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
      /** For the log only, never sent: what failed underneath (`P1001`, `ConnectionClosed`). */
      internal?: string;
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
  UNAVAILABLE: { http: 503, trpc: 'SERVICE_UNAVAILABLE' },
};

/** Seconds a client is asked to wait before retrying while the database is out of reach. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

const databaseFaultErrors: Record<DatabaseFault, (detail: string) => HotdeskError> = {
  // Checked at the door (validation/nul-character.ts); this catches any text that slips past.
  invalid_text: (internal) =>
    new HotdeskError('BAD_REQUEST', 'Text must not contain the NUL character (U+0000).', {
      reason: 'invalid_text',
      internal,
    }),
  missing_reference: (internal) =>
    new HotdeskError('NOT_FOUND', 'Something this request refers to does not exist.', {
      internal,
    }),
  slot_taken: (internal) =>
    new HotdeskError('CONFLICT', 'That slot was just taken. Choose another time.', {
      field: 'from',
      reason: 'slot_taken',
      internal,
    }),
  busy: (internal) =>
    new HotdeskError('UNAVAILABLE', 'Hotdesk is busy. Try again in a moment.', {
      reason: 'busy',
      retryAfterSeconds: 1,
      internal,
    }),
  unavailable: (internal) =>
    new HotdeskError('UNAVAILABLE', 'Hotdesk cannot reach its database. Try again in a moment.', {
      reason: 'database_unavailable',
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      internal,
    }),
};

/**
 * Any thrown value as Hotdesk's one error type, or null for a genuine fault (a bug: 500). Both
 * transports ask this, so a database fault that is the input's (text PostgreSQL cannot store, a
 * reference to a row that does not exist) or nobody's (the database out of reach) gets the same
 * answer over REST and tRPC.
 */
export function asHotdeskError(error: unknown): HotdeskError | null {
  if (error instanceof HotdeskError) return error;
  const report = databaseFaultOf(error);
  return report ? databaseFaultErrors[report.fault](report.detail) : null;
}

/**
 * The log line of a request that could not be served for want of the database: one line that
 * says so and what failed underneath, never the driver's multi-line message.
 */
export function logUnavailable(error: HotdeskError, where: Record<string, unknown>): void {
  logger.warn(error.details.reason === 'busy' ? 'database.busy' : 'database.unavailable', {
    ...where,
    cause: error.details.internal ?? null,
  });
}

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

/** A refusal from the impersonation rules (rules/), as the one error type. */
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
