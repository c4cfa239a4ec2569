import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';

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
      return {
        ...shape,
        // Unexpected errors never show their message or stack to the client.
        message: internal ? 'Something went wrong on our side. Please try again.' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          field: cause?.details.field ?? inputFieldOf(error.cause),
          /** Machine reason for sign-in failures (`two_factor_auth_check`, …), for the UI. */
          reason: cause?.details.reason ?? cause?.details.oauthError ?? null,
          retryAfterSeconds: cause?.details.retryAfterSeconds ?? null,
        },
      };
    },
  });

/** The field a malformed input names first (`invoiceId`, `permissions.accessCardId`), as REST does. */
function inputFieldOf(cause: unknown): string | null {
  if (!(cause instanceof z.ZodError)) return null;
  return cause.issues[0]?.path.map(String).join('.') || null;
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
