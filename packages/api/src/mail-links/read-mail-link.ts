import {
  TokenVerificationError,
  verifyMailLinkToken,
  type MailLinkClaims,
  type MailLinkPurpose,
} from '@hotdesk/auth';
import { type Prisma } from '@hotdesk/db';
import { z } from 'zod';

import { type ServiceContext } from '../context';
import { HotdeskError } from '../errors';

/**
 * Forged, expired, malformed, for something else, or naming what is not its member's: one
 * answer for all, so a forger learns nothing about which check failed.
 */
export const invalidMailLink = () =>
  new HotdeskError(
    'BAD_REQUEST',
    'This link is not valid any more. Links in Hotdesk e-mails work for 7 days, once, and only for what they were sent for. Sign in and open Account activity instead.',
    { field: 'token', reason: 'mail_link_invalid' },
  );

/** A genuine link that has done its one thing already. */
export const usedMailLink = () =>
  new HotdeskError(
    'BAD_REQUEST',
    'This link has already been used. Sign in and open Account activity to see what was done.',
    { field: 'token', reason: 'mail_link_used' },
  );

/**
 * The claims of a link's token, verified for one of `purposes` (the signed token names exactly
 * one) and not yet spent; otherwise the refusals above. Reading spends nothing: the action
 * spends the link in its own transaction (`spendMailLink`).
 */
export async function readMailLink(
  ctx: Pick<ServiceContext, 'db' | 'keys' | 'config' | 'now'>,
  token: string,
  purposes: readonly MailLinkPurpose[],
): Promise<MailLinkClaims> {
  const link = await verifiedForAny(ctx, token, purposes);
  const spent = await ctx.db.spentMailLink.findUnique({
    where: { jti: link.jti },
    select: { jti: true },
  });
  if (spent) throw usedMailLink();
  return link;
}

async function verifiedForAny(
  ctx: Pick<ServiceContext, 'keys' | 'config' | 'now'>,
  token: string,
  purposes: readonly MailLinkPurpose[],
): Promise<MailLinkClaims> {
  for (const purpose of purposes) {
    try {
      const link = await verifyMailLinkToken(ctx.keys, token, {
        issuer: ctx.config.issuer,
        audience: ctx.config.mailLinkAudience,
        purpose,
        now: ctx.now(),
      });
      // Every link names a view or a request by its uuid: anything else was never signed here.
      if (!z.uuid().safeParse(link.subjectId).success) throw invalidMailLink();
      return link;
    } catch (error) {
      if (!(error instanceof TokenVerificationError)) throw error;
    }
  }
  throw invalidMailLink();
}

/**
 * Spends the link inside the transaction of the action it carries: the action and the spend
 * commit together or not at all. Of two clicks at once, the second waits on the first's row and
 * then finds it: refused as used, its transaction rolled back.
 */
export async function spendMailLink(
  tx: Prisma.TransactionClient,
  link: MailLinkClaims,
  now: Date,
): Promise<void> {
  const { count } = await tx.spentMailLink.createMany({
    data: [{ jti: link.jti, purpose: link.purpose, spentAt: now }],
    skipDuplicates: true,
  });
  if (count === 0) throw usedMailLink();
}
