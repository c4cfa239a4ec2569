import { Body, Container, Heading, Html, Link, Preview, Text } from '@react-email/components';
import { render } from '@react-email/render';
import { createElement as h } from 'react';

import { noticeLines, noticeTitle, type ViewNotice } from './view-notice';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The e-mail that tells a member of a view, as HTML and plain text from one template; the link
 * leads to Account activity, where they can end a view or review past ones.
 */
export async function renderViewMail(
  notice: ViewNotice,
  memberName: string,
  activityUrl: string,
): Promise<RenderedMail> {
  const subject = noticeTitle(notice);
  const email = h(
    Html,
    { lang: 'en' },
    h(Preview, null, subject),
    h(
      Body,
      { style: { fontFamily: 'system-ui, sans-serif', color: '#1f2933' } },
      h(
        Container,
        null,
        h(Heading, { as: 'h1', style: { fontSize: '20px' } }, subject),
        h(Text, null, `Hello ${memberName},`),
        ...noticeLines(notice).map((line) => h(Text, { key: line }, line)),
        h(
          Text,
          null,
          'Not expected? Review or end it in ',
          h(Link, { href: activityUrl }, 'Account activity'),
          '.',
        ),
      ),
    ),
  );
  return {
    subject,
    html: await render(email),
    text: await render(email, { plainText: true }),
  };
}
