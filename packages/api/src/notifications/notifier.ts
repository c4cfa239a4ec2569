import { MAX_MAIL_LINK_SECONDS } from '@hotdesk/auth';
import { type PrismaClient } from '@hotdesk/db';

import { type Db } from '../context';
import { impersonationEndingEvents } from '../impersonation/end-impersonation';
import { summarizeViews } from '../looks/look-summary';
import { issueMailLink, type MailLinkIssuer } from '../mail-links/issue-mail-link';
import { renderViewMail } from './view-mail';
import { insertMails, insertNotices } from './outbox-rows';
import { changeEvents, type ViewNotice } from './view-notice';
import { viewerRoleOf } from './view-notice';

/** Held by whichever instance is writing notices, so that one instance at a time does. */
export const NOTIFIER_LOCK = 0x6e6f7469; // "noti"

const CURSOR = 'views';
const BATCH_SIZE = 500;
/**
 * A view's reads are written a moment after they are served (looks/look-recorder.ts): an end
 * is summarised once it is this old, so the summary holds what the view looked at last.
 */
const END_SETTLE_MS = 15_000;
/**
 * Audit ids are taken before their transaction commits, so a lower id may appear after a higher
 * one: the cursor stays this far behind the clock and what lies after it is read again (a notice
 * already written is skipped by its unique key).
 */
const CURSOR_LAG_MS = 60_000;

/** The portal's address and the keys that sign each e-mail's "I did not expect this" link. */
export type NotifierSettings = MailLinkIssuer;

export type NotifierOutcome =
  | {
      notices: number;
      mails: number;
      /** The last event the pass read (null when it read none), and whether it read a full batch. */
      lastReadId: bigint | null;
      fullBatch: boolean;
    }
  | 'busy';

interface ViewEventRow {
  id: bigint;
  type: string;
  occurredAt: Date;
  impersonationId: string;
  kind: 'OPERATOR' | 'TEAM_ADMIN';
  mode: 'READ_ONLY' | 'FULL';
  reason: string | null;
  exchangedAt: Date | null;
  sessionExpiresAt: Date | null;
  endedAt: Date | null;
  endedReason: string | null;
  urgent: boolean;
  actorName: string;
  locationName: string;
  coworkerId: number;
  memberName: string;
  memberEmail: string | null;
  emailViewNotices: boolean;
}

const startEvent = 'IMPERSONATION_EXCHANGED';
const followedEvents = [startEvent, ...impersonationEndingEvents];

/**
 * Turns the audit events that start and end views (since the cursor) into the member's
 * notices, and into e-mails in the outbox for members who want them. Runs after the requests,
 * never inside them: the exchange and the end pay nothing for it. One instance at a time (an
 * advisory lock); 'busy' when another holds it. Running it twice writes nothing twice.
 *
 * With `readAfter`, only the events after that id are read and the cursor stays where it is:
 * the cheap pass `createNotifier` runs between full ones (see there).
 */
export async function runNotifierPass(
  db: PrismaClient,
  settings: NotifierSettings,
  now: Date,
  readAfter: bigint | null = null,
): Promise<NotifierOutcome> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ acquired: boolean }>>`
        SELECT pg_try_advisory_xact_lock(${NOTIFIER_LOCK}) AS acquired`;
      if (!lock?.acquired) return 'busy' as const;
      const cursor = readAfter ?? (await readCursor(tx));
      const events = await viewEventsAfter(tx, cursor, new Date(now.getTime() - END_SETTLE_MS));
      const notices = await noticesOf(tx, events);
      await insertNotices(
        tx,
        notices.map(({ event, notice }) => ({
          coworkerId: event.coworkerId,
          kind: notice.kind,
          impersonationId: event.impersonationId,
          data: notice.data,
        })),
        now,
      );
      const activityUrl = `${settings.config.portalUrl}/account/activity`;
      const mails = await Promise.all(
        notices
          .filter(({ event }) => event.memberEmail && event.emailViewNotices)
          .map(async ({ event, notice }) => ({
            messageId: messageIdOf(notice.kind, event.impersonationId),
            to: event.memberEmail as string,
            ...renderViewMail(notice, event.memberName, {
              reportUrl: await issueMailLink(settings, {
                purpose: 'report_view',
                coworkerId: event.coworkerId,
                subjectId: event.impersonationId,
                lifetimeSeconds: MAX_MAIL_LINK_SECONDS,
                now,
              }),
              activityUrl,
            }),
          })),
      );
      await insertMails(tx, mails, now);
      const fullBatch = events.length === BATCH_SIZE;
      if (readAfter === null) {
        await advanceCursor(
          tx,
          cursor,
          new Date(now.getTime() - CURSOR_LAG_MS),
          fullBatch ? events : null,
        );
      }
      const lastReadId = events.length > 0 ? events[events.length - 1]!.id : null;
      return { notices: notices.length, mails: mails.length, lastReadId, fullBatch };
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

/** Passes between two full ones: about twenty seconds at the workers' pace. */
const PASSES_PER_FULL_READ = 10;

export interface Notifier {
  runPass(db: PrismaClient, settings: NotifierSettings, now: Date): Promise<NotifierOutcome>;
}

/**
 * The notifier of one process. A full pass reads everything after the cursor, which stays a
 * minute behind the clock (`CURSOR_LAG_MS`): under load that is tens of thousands of events
 * read again every pass for the few that are new. So between full passes this process reads on
 * from the last event it read itself; what those passes cannot see (an end still settling, an
 * id committed after a higher one) the next full pass finds, as before. Only full passes move
 * the cursor, so a process that stops, or another instance taking over, loses nothing.
 */
export function createNotifier(): Notifier {
  let readUpTo: bigint | null = null;
  let passesSinceFull = PASSES_PER_FULL_READ;
  return {
    async runPass(db, settings, now) {
      const full = readUpTo === null || passesSinceFull >= PASSES_PER_FULL_READ;
      const outcome = await runNotifierPass(db, settings, now, full ? null : readUpTo);
      if (outcome === 'busy') return outcome;
      if (!full) passesSinceFull += 1;
      // A full read that filled its batch has more to read from the cursor: the next is full too.
      else passesSinceFull = outcome.fullBatch ? PASSES_PER_FULL_READ : 0;
      if (outcome.lastReadId !== null && (readUpTo === null || outcome.lastReadId > readUpTo)) {
        readUpTo = outcome.lastReadId;
      }
      return outcome;
    },
  };
}

/** The one Message-ID of each notice's e-mail: a resend is recognised as the same message. */
export function messageIdOf(kind: ViewNotice['kind'], impersonationId: string): string {
  const name = kind === 'VIEW_STARTED' ? 'view-started' : 'view-ended';
  return `<${name}.${impersonationId}@hotdesk>`;
}

async function readCursor(tx: Db): Promise<bigint> {
  const row = await tx.notifierCursor.findUnique({
    where: { name: CURSOR },
    select: { lastEventId: true },
  });
  return row?.lastEventId ?? 0n;
}

/**
 * Moves the cursor past every event older than `before` (or, after a full batch, no further
 * than that batch's last event, so nothing older is left unread).
 */
async function advanceCursor(
  tx: Db,
  cursor: bigint,
  before: Date,
  fullBatch: ViewEventRow[] | null,
): Promise<void> {
  const ceiling = fullBatch ? fullBatch[fullBatch.length - 1]!.id : null;
  const [row] = await tx.$queryRaw<Array<{ next: bigint | null }>>`
    SELECT max("id") AS "next" FROM "AuditEvent"
    WHERE "id" > ${cursor} AND "occurredAt" < ${before}
      AND (${ceiling}::bigint IS NULL OR "id" <= ${ceiling}::bigint)`;
  const next = row?.next ?? null;
  if (next === null) return;
  await tx.notifierCursor.upsert({
    where: { name: CURSOR },
    create: { name: CURSOR, lastEventId: next },
    update: { lastEventId: next },
  });
}

/**
 * The starts and ends of views (grants never exchanged were never views) after the cursor that
 * have no notice yet, with everything a notice says; ends only once they are settled.
 */
function viewEventsAfter(tx: Db, cursor: bigint, endsBefore: Date): Promise<ViewEventRow[]> {
  return tx.$queryRaw<ViewEventRow[]>`
    SELECT e."id", e."type", e."occurredAt", i."id"::text AS "impersonationId", i."kind"::text,
           i."mode"::text, i."reason", i."exchangedAt", i."sessionExpiresAt", i."endedAt",
           i."endedReason"::text, i."urgent", u."fullName" AS "actorName", l."name" AS "locationName",
           c."id" AS "coworkerId", c."fullName" AS "memberName",
           COALESCE(c."email", cu."email"::text) AS "memberEmail", c."emailViewNotices"
    FROM "AuditEvent" e
    JOIN "Impersonation" i ON i."id" = e."impersonationId"
    JOIN "User" u ON u."id" = i."actorUserId"
    JOIN "Location" l ON l."id" = i."locationId"
    JOIN "Coworker" c ON c."id" = i."targetCoworkerId"
    LEFT JOIN "User" cu ON cu."id" = c."userId"
    WHERE e."id" > ${cursor} AND e."type" = ANY(${followedEvents}::text[])
      AND i."exchangedAt" IS NOT NULL
      AND (e."type" = ${startEvent} OR e."occurredAt" < ${endsBefore})
      AND NOT EXISTS (
        SELECT 1 FROM "Notification" n
        WHERE n."impersonationId" = e."impersonationId"
          AND n."kind" = (CASE WHEN e."type" = ${startEvent} THEN 'VIEW_STARTED'
                               ELSE 'VIEW_ENDED' END)::"NotificationKind")
    ORDER BY e."id"
    LIMIT ${BATCH_SIZE}`;
}

/** Each event's notice; the ends with their summary of looks and the changes they made. */
async function noticesOf(
  tx: Db,
  events: ViewEventRow[],
): Promise<Array<{ event: ViewEventRow; notice: ViewNotice }>> {
  const ends = events.filter((event) => event.type !== startEvent);
  const endedIds = [...new Set(ends.map((event) => event.impersonationId))];
  const looked = await summarizeViews(tx, endedIds);
  const changed = await changesOf(tx, endedIds);
  const seen = new Set<string>();
  const notices: Array<{ event: ViewEventRow; notice: ViewNotice }> = [];
  for (const event of events) {
    const kind = event.type === startEvent ? 'VIEW_STARTED' : 'VIEW_ENDED';
    // An end may be recorded twice (an exit racing a revoke): the member is told once.
    if (seen.has(`${kind}:${event.impersonationId}`)) continue;
    seen.add(`${kind}:${event.impersonationId}`);
    const who = {
      actorName: event.actorName,
      actorRole: viewerRoleOf(event.kind),
      locationName: event.locationName,
    };
    notices.push({
      event,
      notice:
        kind === 'VIEW_STARTED'
          ? {
              kind,
              data: {
                ...who,
                reason: event.reason,
                mode: event.mode,
                startedAt: event.exchangedAt ?? event.occurredAt,
                endsAt: event.sessionExpiresAt,
                urgent: event.urgent,
              },
            }
          : {
              kind,
              data: {
                ...who,
                startedAt: event.exchangedAt,
                endedAt: event.endedAt ?? event.occurredAt,
                endedReason: event.endedReason,
                looked: looked.get(event.impersonationId) ?? null,
                changed: changed.get(event.impersonationId) ?? [],
              },
            },
    });
  }
  return notices;
}

/** What each view changed, from its audit events, each kind of change once, in order. */
async function changesOf(tx: Db, impersonationIds: string[]): Promise<Map<string, string[]>> {
  const changes = new Map<string, string[]>();
  if (impersonationIds.length === 0) return changes;
  const rows = await tx.$queryRaw<Array<{ impersonationId: string; type: string }>>`
    SELECT "impersonationId"::text AS "impersonationId", "type" FROM "AuditEvent"
    WHERE "impersonationId" = ANY(${impersonationIds}::uuid[])
      AND "type" = ANY(${Object.keys(changeEvents)}::text[])
    ORDER BY "id"`;
  for (const row of rows) {
    const text = changeEvents[row.type];
    const list = changes.get(row.impersonationId) ?? [];
    if (text && !list.includes(text)) list.push(text);
    changes.set(row.impersonationId, list);
  }
  return changes;
}
