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

/**
 * One SMTP connection kept open and reused (the sender sends one message at a time): a
 * connection per message cost a TCP handshake, the greeting and EHLO each time, on both ends.
 */
export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 1 });
}

export interface SenderOutcome {
  sent: number;
  failed: number;
}

const BATCH_SIZE = 100;
/** Messages leased at once: a sender that dies sends at most these again. */
const CLAIM_SIZE = 20;
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
 * Sends the outbox's due messages, claimed a few at a time: the claim (a lease, taken with SKIP
 * LOCKED) means that senders in several processes never send one message at once, and a
 * sender that dies mid-send leaves its claimed messages to be sent again when the lease runs
 * out. At least once: a message may reach the server twice, always under its one Message-ID. A
 * failure is recorded and retried later with a growing delay; nothing is ever dropped.
 */
export async function runMailSenderPass(
  db: PrismaClient,
  transport: MailTransport,
  from: string,
  now: Date,
): Promise<SenderOutcome> {
  const outcome = { sent: 0, failed: 0 };
  while (outcome.sent < BATCH_SIZE) {
    const claimed = await claimDue(db, now, Math.min(CLAIM_SIZE, BATCH_SIZE - outcome.sent));
    if (claimed.length === 0) break;
    const sent: bigint[] = [];
    let failure: { message: Claimed; error: unknown } | null = null;
    for (const message of claimed) {
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          messageId: message.messageId,
        });
        sent.push(message.id);
      } catch (error) {
        failure = { message, error };
        break;
      }
    }
    if (sent.length > 0) {
      await db.outboxEmail.updateMany({
        where: { id: { in: sent } },
        data: { sentAt: now, lastError: null },
      });
      outcome.sent += sent.length;
    }
    if (failure) {
      await recordFailure(db, now, failure, claimed.slice(sent.length + 1));
      outcome.failed += 1;
      // The server is likely down for the others too: they wait for the next pass.
      break;
    }
  }
  return outcome;
}

/** Leases up to `limit` due messages to this sender, oldest first. */
function claimDue(db: PrismaClient, now: Date, limit: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE "OutboxEmail" SET "attempts" = "attempts" + 1,
      "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_LEASE_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE "sentAt" IS NULL AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt", "id" LIMIT ${limit}::int FOR UPDATE SKIP LOCKED)
    RETURNING "id", "messageId", "to", "subject", "html", "text", "attempts"`;
}

/**
 * The failed message waits for its retry; the messages claimed after it, never tried, are
 * handed back as they were (due now, the claim's attempt not counted).
 */
async function recordFailure(
  db: PrismaClient,
  now: Date,
  { message, error }: { message: Claimed; error: unknown },
  untried: Claimed[],
): Promise<void> {
  await db.outboxEmail.update({
    where: { id: message.id },
    data: {
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
      lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
    },
  });
  if (untried.length === 0) return;
  await db.outboxEmail.updateMany({
    where: { id: { in: untried.map((other) => other.id) } },
    data: { attempts: { decrement: 1 }, nextAttemptAt: now },
  });
}
