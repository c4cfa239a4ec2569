import { z } from 'zod';

import { t } from '../trpc/init';
import { ownSessionProcedure, publicProcedure, sessionProcedure } from '../trpc/procedures';
import { serializeCookie, sessionCookieNames } from './cookies';
import { listOwnSessions, signOutDevice, signOutEverywhere } from './own-sessions';
import { reauthenticate } from './reauthenticate';
import { sessionEndNotice } from './session-end-notice';
import { signInWithPassword } from './sign-in';
import { signOut } from './sign-out';
import { describeAdminSession, describePortalSession } from './who-am-i';

const signInInput = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code')
    .optional(),
});

const audienceOf = { admin: 'ADMIN', portal: 'PORTAL' } as const;

const ownSession = z.object({
  id: z.uuid(),
  app: z.enum(['ADMIN', 'PORTAL']),
  device: z.string(),
  ip: z.string().nullable(),
  startedAt: z.date(),
  lastSeenAt: z.date(),
  current: z.boolean(),
});

/** Sign-in and sign-out for the app's own cookie session (the REST contract has `/api/token`). */
export const sessionRouter = t.router({
  signIn: publicProcedure
    .input(signInInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const session = await signInWithPassword(ctx, {
        ...input,
        audience: audienceOf[ctx.app],
        transport: 'cookie',
      });
      const names = sessionCookieNames(audienceOf[ctx.app], ctx.secureCookies);
      ctx.setCookie(
        serializeCookie(names.session, session.accessToken, {
          secure: ctx.secureCookies,
          expires: session.expiresAt,
        }),
      );
      ctx.setCookie(serializeCookie(names.impersonation, '', { secure: ctx.secureCookies }));
      return { ok: true as const };
    }),

  /** A fresh password (and code) proof, required before full-mode impersonation. */
  reauthenticate: ownSessionProcedure
    .input(z.object({ password: z.string().min(1).max(1024), totp: signInInput.shape.totp }))
    .output(z.object({ reauthenticatedAt: z.date() }))
    .mutation(({ ctx, input }) => reauthenticate(ctx, ctx.actor, input)),

  /** The caller's signed-in devices, in both apps and the REST API. */
  list: ownSessionProcedure
    .meta({ look: { summary: 'viewed your signed-in devices' } })
    .output(
      z.object({
        sessions: z.array(ownSession),
        endedForSafety: z.array(ownSession.extend({ endedAt: z.date() })),
      }),
    )
    .query(({ ctx }) => listOwnSessions(ctx, ctx.actor)),

  signOutDevice: ownSessionProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .output(z.object({ current: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const result = await signOutDevice(ctx, ctx.actor, input.sessionId);
      if (result.current) clearCookies(ctx);
      return result;
    }),

  signOutEverywhere: ownSessionProcedure
    .output(z.object({ sessions: z.number() }))
    .mutation(async ({ ctx }) => {
      const result = await signOutEverywhere(ctx, ctx.actor);
      clearCookies(ctx);
      return result;
    }),

  /** Why this browser's session ended, for the sign-in page; null when there is nothing to say. */
  endedNotice: publicProcedure
    .output(z.object({ reason: z.string(), message: z.string() }).nullable())
    .query(({ ctx }) => sessionEndNotice(ctx, audienceOf[ctx.app], ctx.sessionCookie)),

  signOut: sessionProcedure
    .meta({ allowInReadOnly: true })
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      await signOut(ctx, ctx.actor);
      const names = sessionCookieNames(audienceOf[ctx.app], ctx.secureCookies);
      const cookie = ctx.actor.impersonation ? names.impersonation : names.session;
      ctx.setCookie(serializeCookie(cookie, '', { secure: ctx.secureCookies }));
      return { ok: true as const };
    }),
});

function clearCookies(ctx: {
  app: 'admin' | 'portal';
  secureCookies: boolean;
  setCookie: (cookie: string) => void;
}) {
  const names = sessionCookieNames(audienceOf[ctx.app], ctx.secureCookies);
  for (const name of [names.session, names.impersonation]) {
    ctx.setCookie(serializeCookie(name, '', { secure: ctx.secureCookies }));
  }
}

export const adminMeProcedure = publicProcedure.query(({ ctx }) =>
  ctx.actor ? describeAdminSession(ctx, ctx.actor) : null,
);

export const portalMeProcedure = publicProcedure
  .meta({ look: { summary: 'viewed your profile' } })
  .query(({ ctx }) => (ctx.actor ? describePortalSession(ctx, ctx.actor) : null));
