import { type PrismaClient } from '@hotdesk/db';
import nodemailer from 'nodemailer';

/** What the sender needs of an SMTP client: nodemailer's transport, or anything like it. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    html: string;
    text: string;
    messageId: string;
  }): Promise<unknown>;
  close(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

export interface SenderOutcome {
  sent: number;
  failed: number;
}

const BATCH_SIZE = 100;
/** A claimed message is offered again after this long, should its sender die mid-send. */
const CLAIM_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/** How long after its `attempts`-th failure a message is tried again: doubling, capped. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

interface Claimed {
  id: bigint;
  messageId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
}

/**
 * Sends the outbox's due messages, one claimed at a time: the claim (a lease, taken with SKIP
 * LOCKED) means that senders in several processes never send one message at once, and a
 * sender that dies mid-send leaves the message to be sent again when the lease runs out. At
 * least once: a message may reach the server twice, always under its one Message-ID. A
 * failure is recorded and retried later with a growing delay; nothing is ever dropped.
 */
export async function runMailSenderPass(
  db: PrismaClient,
  transport: MailTransport,
  from: string,
  now: Date,
): Promise<SenderOutcome> {
  const outcome = { sent: 0, failed: 0 };
  for (let i = 0; i < BATCH_SIZE; i += 1) {
    const [message] = await db.$queryRaw<Claimed[]>`
      UPDATE "OutboxEmail" SET "attempts" = "attempts" + 1,
        "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_LEASE_MS)}
      WHERE "id" = (
        SELECT "id" FROM "OutboxEmail"
        WHERE "sentAt" IS NULL AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "id", "messageId", "to", "subject", "html", "text", "attempts"`;
    if (!message) break;
    try {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageId,
      });
      await db.outboxEmail.update({
        where: { id: message.id },
        data: { sentAt: now, lastError: null },
      });
      outcome.sent += 1;
    } catch (error) {
      await db.outboxEmail.update({
        where: { id: message.id },
        data: {
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        },
      });
      outcome.failed += 1;
      // The server is likely down for the others too: they wait for the next pass.
      break;
    }
  }
  return outcome;
}
