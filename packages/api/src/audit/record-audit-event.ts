import { poolOf, processWide, type Prisma, type PrismaClient } from '@hotdesk/db';

import { type Db, type RequestMeta } from '../context';
import { type Actor } from '../sessions/actor';
import {
  auditRowsCte,
  prepareAuditEvent,
  writtenAuditRowsJson,
  type WrittenAuditRows,
} from './audit-rows-sql';
import { noteWrittenAuditEvents, requestAuditSeal } from './audit-sealer';
import { type WrittenEvent } from './chain-written-events';
import { auditKeysOfTransaction, auditTrailOf, bindAuditKeys } from './audit-trail';
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
 * Writes one audit event with its digest and its seal-queue row, in one statement. Call it
 * inside `auditedTransaction`, with the transaction that makes the change, so the event exists
 * exactly when the change does; with a plain client the statement commits on its own. The
 * sealer chains it after the commit (audit-sealer.ts).
 */
export async function recordAuditEvent(db: Db, event: AuditEventInput): Promise<void> {
  const client = isClient(db);
  const keys = client ? auditTrailOf(db).keys : auditKeysOfTransaction(db);
  const prepared = prepareAuditEvent(keys, event);
  const [row] = await db.$queryRaw<Array<{ rows: WrittenAuditRows }>>`
    WITH ${auditRowsCte([{ event: prepared }])} SELECT ${writtenAuditRowsJson} AS "rows"`;
  const written = (row?.rows ?? []).map(({ id }) => ({
    id: BigInt(id),
    content: prepared.content,
  }));
  if (!client) {
    writtenInTransaction.get(db)?.push(...written);
    return;
  }
  // On its own the statement is its own transaction: committed now.
  noteWrittenAuditEvents(db, written);
  requestAuditSeal(db);
}

// What each audited transaction wrote, handed to the sealer once it has committed.
const writtenInTransaction = new WeakMap<Prisma.TransactionClient, WrittenEvent[]>();

// A transaction client still answers to `$transaction` at run time; only the root client
// can connect, so that is what tells them apart.
function isClient(db: Db): db is PrismaClient {
  return '$connect' in db;
}

/**
 * A transaction that writes audit events: once it commits, the sealer is asked to chain them.
 */
export async function auditedTransaction<T>(
  db: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  const written: WrittenEvent[] = [];
  try {
    // On a saturated machine Prisma's default 2 s wait for a pooled connection (and 5 s for the
    // transaction) would turn a slow audited write into a failed one.
    const result = await admission(db).run(() =>
      db.$transaction(
        (tx) => {
          bindAuditKeys(tx, db);
          writtenInTransaction.set(tx, written);
          return work(tx);
        },
        { maxWait: 15_000, timeout: 30_000 },
      ),
    );
    noteWrittenAuditEvents(db, written);
    return result;
  } finally {
    // Also after a rollback: cheap, and a failed commit may still have left others pending.
    requestAuditSeal(db);
  }
}

/**
 * Writing transactions a process lets into the database at once; the rest wait here, without
 * a pooled connection. More only contend for the same cores and row locks while holding
 * connections that reads (every authenticated request) then wait for: at most half the pool,
 * so reads always find connections, and never more than four (docs/benchmarks.md, "Fourth
 * round").
 */
export function auditedTransactionsAtOnce(poolSize: number): number {
  return Math.max(1, Math.min(4, Math.floor(poolSize / 2)));
}

const admissions = processWide('auditAdmissions', () => new WeakMap<PrismaClient, Admission>());

function admission(db: PrismaClient): Admission {
  let found = admissions.get(db);
  if (!found) {
    found = new Admission(auditedTransactionsAtOnce(poolOf(db).options.max ?? 10));
    admissions.set(db, found);
  }
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
