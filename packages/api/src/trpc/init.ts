import { initTRPC } from '@trpc/server';
import superjson from 'superjson';

import { type ServiceContext } from '../context';
import { asHotdeskError, HotdeskError, toTrpcError } from '../errors';
import { type LookMeta } from '../looks/look-of-read';
import { type Actor } from '../sessions/actor';

export interface TrpcContext extends ServiceContext {
  app: 'admin' | 'portal';
  actor: Actor | null;
  /** Secure cookies (`__Host-`, `Secure`) outside local development. */
  secureCookies: boolean;
  setCookie: (cookie: string) => void;
  /** The request's Origin is this app's own: required for cookie-authenticated mutations. */
  sameOrigin: boolean;
  /**
   * The raw value of this app's own session cookie (not the impersonation one), live or not:
   * to say why it ended, and whose session a redeeming browser holds.
   */
  sessionCookie: string | null;
}

export interface ProcedureMeta {
  /** The only mutations a read-only impersonation may still make (exit). */
  allowInReadOnly?: boolean;
  /**
   * Reads a member would recognise, told in their words (Account activity); every read of an
   * impersonated session is recorded anyway, under its path (looks/).
   */
  look?: LookMeta;
}

export const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause instanceof HotdeskError ? error.cause : null;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const invalid = error.code === 'BAD_REQUEST' ? invalidInputOf(error.cause) : null;
      return {
        ...shape,
        // Unexpected errors never show their message or stack to the client.
        message: internal
          ? 'Something went wrong on our side. Please try again.'
          : (invalid?.message ?? shape.message),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          field: cause?.details.field ?? invalid?.field ?? null,
          /** Machine reason for sign-in failures (`two_factor_auth_check`, …), for the UI. */
          reason: cause?.details.reason ?? cause?.details.oauthError ?? null,
          retryAfterSeconds: cause?.details.retryAfterSeconds ?? null,
        },
      };
    },
  });

/**
 * The first problem of an input its schema refused, as the REST transport words it (`day: must
 * be a date like 2026-12-03`) with the field named, instead of the schema library's JSON dump.
 */
function invalidInputOf(cause: unknown): { field: string; message: string } | null {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const issue = issues[0] as { path?: PropertyKey[]; message?: string };
  const field = issue.path?.map(String).join('.') || 'input';
  return { field, message: `${field}: ${issue.message ?? 'invalid value'}` };
}

/**
 * Turns the services' one error type, and the database faults `asHotdeskError` knows, into
 * tRPC's, in one place for every procedure.
 */
export const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const known = result.ok ? null : asHotdeskError(result.error.cause);
  return known && !result.ok ? { ...result, error: toTrpcError(known) } : result;
});
