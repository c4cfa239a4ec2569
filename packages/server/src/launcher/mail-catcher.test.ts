import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';

import { stopProcess } from './app-process';
import { freePort } from './free-port';
import { startMailCatcher } from './mail-catcher';

describe('the mail catcher pnpm dev and the launcher start', () => {
  it('takes mail over SMTP and shows it, Message-ID and all, through its HTTP API', async () => {
    const catcher = await startMailCatcher({
      smtpPort: await freePort(),
      webPort: await freePort(),
      onOutput: () => {},
    });
    try {
      const transport = nodemailer.createTransport(catcher.smtpUrl);
      await transport.sendMail({
        from: 'Hotdesk <no-reply@hotdesk.test>',
        to: 'bob@example.com',
        subject: 'Olivia Owner (staff) is viewing your account',
        text: 'Why: a test',
        messageId: '<view-started.catcher-test@hotdesk>',
      });
      transport.close();
      const inbox = (await (await fetch(`${catcher.webUrl}/api/email`)).json()) as Array<{
        subject: string;
        headers: Record<string, string>;
        to: Array<{ address: string }>;
      }>;
      expect(inbox).toMatchObject([
        {
          subject: 'Olivia Owner (staff) is viewing your account',
          headers: { 'message-id': '<view-started.catcher-test@hotdesk>' },
          to: [{ address: 'bob@example.com' }],
        },
      ]);
    } finally {
      await stopProcess(catcher);
    }
  });
});
