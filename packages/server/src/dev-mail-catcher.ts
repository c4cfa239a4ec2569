import { DEV_MAIL_PORTS, startMailCatcher } from './launcher/mail-catcher';
import { stopProcess } from './launcher/app-process';

/*
 * The server package's persistent `dev` task, run by `pnpm dev` beside the apps: a local mail
 * catcher that the apps in development send to (run-app-server.ts), so that the e-mails members
 * get can be read in a browser. A busy port (another catcher) is reported, not fatal: pnpm dev
 * goes on without it.
 */
try {
  const catcher = await startMailCatcher({
    smtpPort: DEV_MAIL_PORTS.smtp,
    webPort: DEV_MAIL_PORTS.web,
    onOutput: () => {},
  });
  console.info(`● mail catcher ready: e-mails to members at ${catcher.webUrl}`);
  const stop = () => void stopProcess(catcher).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.warn(
    `⚠ no mail catcher (${(error as Error).message.split('\n')[0]}): is another pnpm dev ` +
      `running? E-mail waits in the outbox until SMTP_URL reaches a server.`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
