import { type Prisma, type PrismaClient } from '@hotdesk/db';
import { type ApiTestHarness } from './api-test-harness';

/**
 * Runs `work` as an attacker with superuser rights on the database would: the append-only
 * triggers switched off first (`session_replication_role = replica` skips triggers, foreign
 * keys included). What the application's own connection can never do, and what
 * `pnpm audit:verify` must catch anyway.
 */
export function tamperAsDatabaseSuperuser<T>(
  db: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    return work(tx);
  });
}

/** Fills the log with real events: sign-ins, grants, exchanges (some concurrent), denials. */
export async function produceAuditEvents(h: ApiTestHarness): Promise<void> {
  const owner = await h.signIn('owner@hotdesk.test');
  const bob = await h.coworkerIdOf('bob@example.com');
  const grant = await h.rest('GET', '/api/sys/users/impersonate', {
    bearer: owner.accessToken,
    query: { coworkerId: bob, reason: 'chain, "quoted"' },
  });
  await Promise.all(
    Array.from({ length: 10 }, () =>
      h.rest('POST', '/api/sys/users/exchange', {
        query: { token: String(grant.json?.token), validForInMinutes: 5 },
      }),
    ),
  );
  await Promise.all([
    h.signIn('alice@example.com'),
    h.rest('POST', '/api/token', {
      form: { grant_type: 'password', username: 'bob@example.com', password: 'wrong' },
    }),
    h.rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: 999_999 },
    }),
  ]);
}

/** A link of the chain: the one in the middle, or the head. */
export async function chainLinkAt(db: PrismaClient, where: 'middle' | 'head') {
  const links = await db.auditChainLink.findMany({ orderBy: { seq: 'asc' } });
  const link = links[where === 'head' ? links.length - 1 : Math.floor(links.length / 2)];
  if (!link) throw new Error('the audit chain is empty');
  return link;
}

/** The content of an audit event made by hand, as an attacker with database access would. */
export function handMadeEvent(type: string) {
  return {
    type,
    occurredAt: new Date(),
    actorUserId: null,
    actorCoworkerId: null,
    targetCoworkerId: null,
    locationId: null,
    impersonationId: null,
    sessionId: null,
    ip: '203.0.113.9',
    userAgent: null,
    data: { note: 'hand-made' },
  };
}
