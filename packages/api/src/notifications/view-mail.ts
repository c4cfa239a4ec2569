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
<p style="margin:16px 0 0"><a href="{{button.url}}" style="display:inline-block;padding:10px 16px;background:{{button.colour}};color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600">{{button.label}}</a></p>
<p style="margin:12px 0 0;font-size:14px;color:#52606d">{{note}} {{activity}} <a href="{{activityUrl}}">Account activity</a>.</p>
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
{{note}}
{{button.label}}: {{button.url}}

{{activity}} Account activity: {{activityUrl}}
`,
  { strict: true, noEscape: true },
);

/** A member's e-mail: what it tells, its one button, a note on it, and Account activity. */
export interface MemberMail {
  subject: string;
  memberName: string;
  lines: string[];
  button: { label: string; url: string; colour: string };
  /** What the button does, and for how long it works. */
  note: string;
  /** The sentence that leads to Account activity ("You can also review … in"). */
  activity: string;
  activityUrl: string;
}

/** A member's e-mail as HTML and plain text from one set of values. */
export function renderMemberMail(mail: MemberMail): RenderedMail {
  return { subject: mail.subject, html: html(mail), text: text(mail) };
}

/** Where the e-mail's links lead: the member's one-click report of this view, Account activity. */
export interface ViewMailLinks {
  reportUrl: string;
  activityUrl: string;
}

/**
 * The e-mail that tells a member of a view, with "I did not expect this" for that view (a
 * signed link: no sign-in needed) and Account activity.
 */
export function renderViewMail(
  notice: ViewNotice,
  memberName: string,
  links: ViewMailLinks,
): RenderedMail {
  return renderMemberMail({
    subject: noticeTitle(notice),
    memberName,
    lines: noticeLines(notice),
    button: { label: 'I did not expect this', url: links.reportUrl, colour: '#b91c1c' },
    note:
      'Not expected? That link opens a page where you can end the view (if it is still going) ' +
      'and tell the staff who manage it; nothing happens until you press its button. It works ' +
      'once, for 7 days.',
    activity: 'You can also review every view in',
    activityUrl: links.activityUrl,
  });
}
