import { randomUUID } from 'node:crypto';

import { signMailLinkToken, type KeySet, type MailLinkPurpose } from '@hotdesk/auth';

import { type HotdeskConfig } from '../config';

/** The one portal page every e-mail link opens; the page reads the token from the fragment. */
export const MAIL_LINK_PAGE = '/from-mail';

/** What signing a link needs: the deployment's keys, its issuer, the links' audience, the portal. */
export interface MailLinkIssuer {
  keys: KeySet;
  config: Pick<HotdeskConfig, 'issuer' | 'mailLinkAudience' | 'portalUrl'>;
}

/**
 * A link for an e-mail that lets the member it was sent to do one thing (`purpose`) about one
 * thing (`subjectId`), once, for `lifetimeSeconds` (a week at most). The token travels in the
 * fragment: a browser never sends it to a server, so no server, proxy or Referer records it,
 * and the page it opens changes nothing until the member presses its button (a POST).
 */
export async function issueMailLink(
  issuer: MailLinkIssuer,
  link: {
    purpose: MailLinkPurpose;
    coworkerId: number;
    subjectId: string;
    lifetimeSeconds: number;
    now: Date;
  },
): Promise<string> {
  const token = await signMailLinkToken(issuer.keys, {
    ...link,
    jti: randomUUID(),
    issuer: issuer.config.issuer,
    audience: issuer.config.mailLinkAudience,
  });
  return `${issuer.config.portalUrl}${MAIL_LINK_PAGE}#${token}`;
}
