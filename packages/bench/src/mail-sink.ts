import { type AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

export interface MailSink {
  /** What the apps send to (their SMTP_URL). */
  url: string;
  /** Messages accepted so far. */
  received(): number;
  stop(): Promise<void>;
}

/**
 * The bench's mail server: it accepts every message over SMTP and keeps none. The apps still
 * render, sign and send every e-mail a view sets off; only the receiving end is cheap, as a
 * relay on another machine is in production. MailDev, which `pnpm dev` and the tests read mail
 * from, parses and stores each message, on the cores the bench shares with what it measures.
 */
export async function startMailSink(): Promise<MailSink> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
