import { utc } from '../audit/audit-rows-sql';
import { type Db } from '../context';

export interface NoticeRow {
  coworkerId: number;
  kind: 'VIEW_STARTED' | 'VIEW_ENDED';
  impersonationId: string;
  data: unknown;
}

export interface MailRow {
  messageId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/*
 * How notices and e-mails enter their tables. A notifier pass writes hundreds of rows under
 * load: one statement of column arrays each, where Prisma's createMany built a placeholder per
 * value and cost the app more CPU than the rendering of the mails. A row already written (same
 * view and kind, same Message-ID) is left as it is.
 */

export async function insertNotices(tx: Db, rows: readonly NoticeRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Notification" ("id", "coworkerId", "kind", "impersonationId", "createdAt", "data")
    SELECT gen_random_uuid(), n."coworkerId", n."kind"::"NotificationKind", n."impersonationId",
      ${utc(at)}, n."data"::jsonb
    FROM unnest(${rows.map((row) => row.coworkerId)}::int[], ${rows.map((row) => row.kind)}::text[],
                ${rows.map((row) => row.impersonationId)}::uuid[],
                ${rows.map((row) => JSON.stringify(row.data))}::text[])
      AS n("coworkerId", "kind", "impersonationId", "data")
    ON CONFLICT DO NOTHING`;
}

export async function insertMails(tx: Db, rows: readonly MailRow[], dueAt: Date): Promise<void> {
  if (rows.length === 0) return;
  const column = (name: keyof MailRow) => rows.map((row) => row[name]);
  await tx.$executeRaw`
    INSERT INTO "OutboxEmail" ("messageId", "to", "subject", "html", "text", "nextAttemptAt")
    SELECT m.*, ${utc(dueAt)}
    FROM unnest(${column('messageId')}::text[], ${column('to')}::text[],
                ${column('subject')}::text[], ${column('html')}::text[], ${column('text')}::text[])
      AS m
    ON CONFLICT ("messageId") DO NOTHING`;
}
