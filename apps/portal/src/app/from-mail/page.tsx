import { reportWordsMaxLength } from '@hotdesk/api';
import type { Metadata } from 'next';
import { FromMailLanding } from './from-mail-landing';

export const metadata: Metadata = {
  title: 'From your e-mail',
  // The link's token never reaches this server (it is in the fragment), and no link from here
  // leaks the page's address.
  referrer: 'no-referrer',
};

/**
 * Every link in Hotdesk's e-mails opens here. Opening it changes nothing (mail scanners open
 * links): the page reads the token from the fragment, says what the link is about, and acts
 * only when the member presses its button.
 */
export default function FromMailPage() {
  return (
    <>
      <noscript>
        <section className="mx-auto max-w-lg px-6 pt-12 text-center">
          <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
            This page needs JavaScript to read the link from your e-mail. Turn JavaScript on and
            open the link again, or <a href="/sign-in?next=%2Faccount%2Factivity">sign in</a> and
            open Account activity.
          </p>
        </section>
      </noscript>
      <FromMailLanding wordsMaxLength={reportWordsMaxLength} />
    </>
  );
}
