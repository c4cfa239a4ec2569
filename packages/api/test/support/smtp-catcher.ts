import { type AddressInfo } from 'node:net';

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a local port that keeps what it receives; it can be stopped and started
 * again on the same port, as a mail server that goes down and comes back.
 */
export async function startSmtpCatcher() {
  const received: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = async () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Going down drops the connections a client keeps open, as a server that stops does.
      closeTimeout: 100,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(port, '127.0.0.1', () => resolve());
    });
    port = (smtp.server.address() as AddressInfo).port;
    server = smtp;
  };
  await listen();

  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    /** The messages received under this Message-ID. */
    withMessageId: (messageId: string) => received.filter((mail) => mail.messageId === messageId),
    start: listen,
    stop: () =>
      new Promise<void>((resolve) => {
        const smtp = server;
        server = null;
        if (!smtp) return resolve();
        smtp.close(() => resolve());
      }),
  };
}
