import { z } from 'zod';

import { t } from '../trpc/init';
import { ownSessionProcedure, publicProcedure, sessionProcedure } from '../trpc/procedures';
import { serializeCookie, sessionCookieNames } from './cookies';
import { reauthenticate } from './reauthenticate';
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

export const adminMeProcedure = publicProcedure.query(({ ctx }) =>
  ctx.actor ? describeAdminSession(ctx, ctx.actor) : null,
);

export const portalMeProcedure = publicProcedure.query(({ ctx }) =>
  ctx.actor ? describePortalSession(ctx, ctx.actor) : null,
);
