import { type Prisma, type PrismaClient } from '@hotdesk/db';

import { type Db, type RequestMeta } from '../context';
import { type Actor } from '../sessions/actor';
import { hashAuditEvent, lockChainHead, type ChainedContent } from './audit-chain';
import { type AuditEventType } from './audit-event-types';

export interface AuditEventInput {
  type: AuditEventType;
  /** The session that acted; inside an impersonation the real actor is recorded, not the target. */
  actor?: Actor | null;
  /** For events without a session (failed sign-in, exchange): who is concerned. */
  actorUserId?: number | null;
  actorCoworkerId?: number | null;
  targetCoworkerId?: number | null;
  locationId?: number | null;
  impersonationId?: string | null;
  data?: Prisma.InputJsonValue;
  request: RequestMeta;
  at: Date;
}

/**
 * Appends one audit event to the hash chain. Call it with the transaction that makes the
 * change, so the event exists exactly when the change does; with a plain client it opens its own.
 */
export async function recordAuditEvent(db: Db, event: AuditEventInput): Promise<void> {
  if (isClient(db)) {
    await auditedTransaction(db, (tx) => recordAuditEvent(tx, event));
    return;
  }
  const impersonation = event.actor?.impersonation ?? null;
  const content: ChainedContent = {
    type: event.type,
    occurredAt: event.at,
    actorUserId: impersonation
      ? impersonation.actorUserId
      : (event.actor?.userId ?? event.actorUserId ?? null),
    actorCoworkerId: impersonation
      ? impersonation.actorCoworkerId
      : (event.actorCoworkerId ?? event.actor?.coworkerId ?? null),
    targetCoworkerId: event.targetCoworkerId ?? impersonation?.targetCoworkerId ?? null,
    locationId: event.locationId ?? impersonation?.locationId ?? null,
    impersonationId: event.impersonationId ?? impersonation?.id ?? null,
    sessionId: event.actor?.sessionId ?? null,
    ip: event.request.ip,
    userAgent: event.request.userAgent?.slice(0, 512) ?? null,
    data: (event.data ?? null) as Prisma.JsonValue,
  };
  // Inside an audited transaction the lock is already held and the head known: nobody else
  // can append meanwhile, so reading it again would only cost two more round trips under the lock.
  const prevHash = chainHeads.get(db) ?? (await lockChainHead(db));
  const hash = hashAuditEvent(prevHash, content);
  await db.auditEvent.create({ data: { ...content, data: event.data, prevHash, hash } });
  chainHeads.set(db, hash);
}

/** The chain head each open transaction holds the lock for, as of its last append. */
const chainHeads = new WeakMap<Db, string>();

// A transaction client still answers to `$transaction` at run time; only the root client
// can connect, so that is what tells them apart.
function isClient(db: Db): db is PrismaClient {
  return '$connect' in db;
}

/**
 * A transaction that will write audit events. The chain lock is taken first, before any row
 * lock, so two audited transactions can never wait on each other in opposite orders.
 */
export function auditedTransaction<T>(
  db: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return admission(db).run(() =>
    db.$transaction(
      async (tx) => {
        chainHeads.set(tx, await lockChainHead(tx));
        return work(tx);
      },
      // The second admitted transaction waits for the lock inside its own time budget: on a
      // saturated machine Prisma's default 5 s would turn that wait into a failure.
      { maxWait: 15_000, timeout: 30_000 },
    ),
  );
}

/**
 * Audited transactions run one after another anyway (the chain lock), so a process lets only
 * two of them into the database at once: one holding the lock, the next already waiting for it.
 * The rest wait here, without a pooled connection, instead of filling the pool with
 * transactions that can only wait, starving every read and failing once the pool's wait runs out.
 */
const AUDITED_TRANSACTIONS_PER_PROCESS = 2;

const admissions = new WeakMap<PrismaClient, Admission>();

function admission(db: PrismaClient): Admission {
  let found = admissions.get(db);
  if (!found) admissions.set(db, (found = new Admission(AUDITED_TRANSACTIONS_PER_PROCESS)));
  return found;
}

/** A first-come, first-served limit on how many tasks run at once. */
class Admission {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
