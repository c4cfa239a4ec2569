import { MAIL_WEB_URL } from './system';

/** An e-mail as the run's mail catcher (MailDev) holds it. */
export interface CaughtMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  to: Array<{ address: string }>;
}

/** Every e-mail the run's mail catcher holds. */
export async function caughtMails(): Promise<CaughtMail[]> {
  return (await (await fetch(`${MAIL_WEB_URL}/api/email`)).json()) as CaughtMail[];
}

/** The e-mails the run's mail catcher holds whose text mentions `needle`. */
export async function mailsMentioning(needle: string): Promise<CaughtMail[]> {
  return (await caughtMails()).filter((mail) => mail.text.includes(needle));
}

/** Every link (`href`) of a mail's HTML, as a mail program or a scanner would open it. */
export function linksOf(mail: CaughtMail): string[] {
  return [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) =>
    match[1]!.replaceAll('&amp;', '&'),
  );
}

/** The mail's "I did not expect this" link: the portal's `/from-mail` page, token in the fragment. */
export function reportLinkOf(mail: CaughtMail): string {
  const link = linksOf(mail).find((href) => new URL(href).pathname === '/from-mail');
  if (!link) throw new Error(`no /from-mail link in "${mail.subject}"`);
  return link;
}
