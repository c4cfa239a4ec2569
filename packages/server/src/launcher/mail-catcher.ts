import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { repoRoot } from '@hotdesk/config/env-file';

import { hasExited, launch, stopProcess, type LaunchedProcess } from './app-process';

const READY_TIMEOUT_MS = 30_000;

/** Where `pnpm dev`'s mail catcher listens: MailDev's own defaults. */
export const DEV_MAIL_PORTS = { smtp: 1025, web: 1080 } as const;

export const smtpUrlOf = (smtpPort: number) => `smtp://127.0.0.1:${smtpPort}`;

export interface MailCatcher extends LaunchedProcess {
  /** What the apps send to (their SMTP_URL). */
  smtpUrl: string;
  /** Its inbox in a browser; `/api/email` lists what it holds as JSON. */
  webUrl: string;
}

/**
 * MailDev (from npm, run by this Node) on local ports: an SMTP server that keeps every message
 * in memory, with a web inbox and an HTTP API. Resolves once its API answers.
 */
export async function startMailCatcher(options: {
  smtpPort: number;
  webPort: number;
  onOutput: (name: string, line: string) => void;
}): Promise<MailCatcher> {
  const main = fileURLToPath(import.meta.resolve('maildev'));
  const bin = path.join(path.dirname(main), 'bin', 'maildev.js');
  const args = [
    bin,
    ...['--smtp', String(options.smtpPort), '--ip', '127.0.0.1'],
    ...['--web', String(options.webPort), '--web-ip', '127.0.0.1'],
  ];
  const launched = launch('mail', args, {
    cwd: repoRoot,
    // eslint-disable-next-line no-restricted-properties
    env: process.env,
    onOutput: options.onOutput,
  });
  const webUrl = `http://localhost:${options.webPort}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(launched)) {
      throw new Error(`the mail catcher exited:\n${launched.output.join('\n')}`);
    }
    const answer = await fetch(`${webUrl}/api/healthz`).catch(() => null);
    if (answer?.ok) return { ...launched, smtpUrl: smtpUrlOf(options.smtpPort), webUrl };
    await sleep(200);
  }
  await stopProcess(launched);
  throw new Error(`the mail catcher did not answer at ${webUrl}/api/healthz`);
}
