import Handlebars from 'handlebars';

import { noticeLines, noticeTitle, type ViewNotice } from './view-notice';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

// Handlebars escapes every value in the HTML template: names and reasons are the actor's words.
const html = Handlebars.compile(
  `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="padding:24px">
<h1 style="margin:0 0 16px;font-size:20px">{{subject}}</h1>
<p style="margin:0 0 12px">Hello {{memberName}},</p>
{{#each lines}}<p style="margin:0 0 8px">{{this}}</p>
{{/each}}
<p style="margin:16px 0 0">{{action.before}} <a href="{{action.url}}">{{action.label}}</a>{{action.after}}</p>
</td></tr>
</table>
</body>
</html>
`,
  { strict: true },
);

const text = Handlebars.compile(
  `{{subject}}

Hello {{memberName}},

{{#each lines}}{{this}}
{{/each}}
{{action.before}} {{action.label}}{{action.after}}: {{action.url}}
`,
  { strict: true, noEscape: true },
);

/** What a member's e-mail asks of them, closing with one link. */
export interface MemberMail {
  subject: string;
  memberName: string;
  lines: string[];
  action: { before: string; label: string; after: string; url: string };
}

/** A member's e-mail as HTML and plain text from one set of values. */
export function renderMemberMail(mail: MemberMail): RenderedMail {
  return { subject: mail.subject, html: html(mail), text: text(mail) };
}

/**
 * The e-mail that tells a member of a view; the link leads to Account activity, where they can
 * end a view or review past ones.
 */
export function renderViewMail(
  notice: ViewNotice,
  memberName: string,
  activityUrl: string,
): RenderedMail {
  return renderMemberMail({
    subject: noticeTitle(notice),
    memberName,
    lines: noticeLines(notice),
    action: {
      before: 'Not expected? Review or end it in',
      label: 'Account activity',
      after: '.',
      url: activityUrl,
    },
  });
}
