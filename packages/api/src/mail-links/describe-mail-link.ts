import { type MailLinkClaims, type MailLinkPurpose } from '@hotdesk/auth';

import { describeAccessRequestForMailLink } from '../access-requests/decide-from-mail';
import { type ServiceContext } from '../context';
import { describeViewForMailLink } from '../impersonation/report-view-from-mail';
import { type Actor } from '../sessions/actor';
import { type MailLinkDescription } from './mail-link-contract';
import { readMailLink } from './read-mail-link';

/** `actor`: the browser's own session, if any (a page may offer more to the member signed in). */
type Describer = (
  ctx: ServiceContext,
  link: MailLinkClaims,
  actor: Actor | null,
) => Promise<MailLinkDescription>;

/**
 * How each purpose tells what its link is about. A purpose without a describer here has no page
 * yet: its links are refused like any link that is not valid.
 */
const describers: Partial<Record<MailLinkPurpose, Describer>> = {
  report_view: describeViewForMailLink,
  decide_access_request: describeAccessRequestForMailLink,
};

/**
 * What a link from an e-mail is about, for its page to show before the member acts; changes
 * nothing and spends nothing. The page does not know the link's purpose: the token does.
 */
export async function describeMailLink(
  ctx: ServiceContext,
  token: string,
  actor: Actor | null,
): Promise<MailLinkDescription> {
  const purposes = Object.keys(describers) as MailLinkPurpose[];
  const link = await readMailLink(ctx, token, purposes);
  return describers[link.purpose]!(ctx, link, actor);
}
