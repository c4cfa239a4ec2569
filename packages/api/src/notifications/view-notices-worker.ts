import { setTimeout as delay } from 'node:timers/promises';

import { type KeySet } from '@hotdesk/auth';
import { type PrismaClient } from '@hotdesk/db';

import { expireLapsedRequests } from '../access-requests/expire-lapsed-requests';
import { type HotdeskConfig } from '../config';
import { logger } from '../logging/logger';
import { runMailSenderPass, smtpTransport } from './mail-sender';
import { createNotifier } from './notifier';

const PASS_INTERVAL_MS = 2_000;

export interface ViewNoticesWorker {
  /** Stops the schedule and waits for a pass under way. */
  stop(): Promise<void>;
}

/**
 * Every couple of seconds in this process: runs the notifier (its e-mails' links signed with
 * `keys`), closes the access requests whose time ran out (telling the team administrators whose
 * member never answered) and, when SMTP_URL is set, runs the mail sender. The app servers start
 * it; instances share the work through the database. Failures are logged and tried again at the
 * next pass; nothing here ever stops or slows a request.
 */
export function startViewNotices(
  db: () => Promise<PrismaClient>,
  config: Pick<HotdeskConfig, 'portalUrl' | 'mail' | 'issuer' | 'mailLinkAudience'>,
  keys: KeySet,
): ViewNoticesWorker {
  const stopped = new AbortController();
  const transport = config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl) : null;
  const notifier = createNotifier();
  const loop = (async () => {
    for (;;) {
      try {
        await delay(PASS_INTERVAL_MS, undefined, { signal: stopped.signal, ref: false });
      } catch {
        return;
      }
      try {
        const client = await db();
        const notified = await notifier.runPass(client, { keys, config }, new Date());
        if (notified !== 'busy' && notified.notices > 0) {
          logger.info('notices.written', { notices: notified.notices, mails: notified.mails });
        }
        const expired = await expireLapsedRequests(client, new Date());
        if (expired > 0) logger.info('access_requests.expired', { expired });
        if (transport) {
          const sent = await runMailSenderPass(client, transport, config.mail.from, new Date());
          if (sent.failed > 0) logger.warn('mail.send_failed', { ...sent });
        }
      } catch (error) {
        logger.warn('notices.failed', { error });
      }
    }
  })();
  return {
    stop: async () => {
      stopped.abort();
      await loop;
      transport?.close();
    },
  };
}
