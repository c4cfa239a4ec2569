import { type Prisma } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { impersonationEndingEvents } from '../impersonation/end-impersonation';
import { getImpersonation, type ImpersonationView } from '../impersonation/list-impersonations';
import { type Actor } from '../sessions/actor';

/** Reads in a row that name the same thing with the same outcome are one entry, counted. */
export interface TimelineLook {
  kind: 'look';
  at: Date;
  /** When the last of the reads this entry counts happened. */
  lastAt: Date;
  times: number;
  what: string;
  objectIds: Prisma.JsonValue;
  summary: string | null;
  subject: string | null;
  outcome: string;
}

/** An audit event of the impersonation: its start, each change or refusal, its end. */
export interface TimelineEvent {
  kind: 'event';
  at: Date;
  type: string;
  data: Prisma.JsonValue;
}

export type TimelineEntry = TimelineLook | TimelineEvent;

export interface ImpersonationTimeline {
  impersonation: ImpersonationView;
  entries: TimelineEntry[];
  /** More reads were recorded than the timeline shows (the first `MAX_LOOKS` are shown). */
  looksTruncated: boolean;
}

// A view lasts an hour at most; thousands of reads mean a script, and its start tells enough.
const MAX_LOOKS = 2_000;
const MAX_EVENTS = 500;

/** Folds consecutive reads of the same thing, answered alike, into one entry. */
function foldRepeats(looks: readonly Omit<TimelineLook, 'lastAt' | 'times'>[]): TimelineLook[] {
  const folded: TimelineLook[] = [];
  for (const look of looks) {
    const last = folded.at(-1);
    const same =
      last !== undefined &&
      last.what === look.what &&
      last.outcome === look.outcome &&
      last.subject === look.subject &&
      JSON.stringify(last.objectIds) === JSON.stringify(look.objectIds);
    if (same) {
      last.times += 1;
      last.lastAt = look.at;
    } else {
      folded.push({ ...look, lastAt: look.at, times: 1 });
    }
  }
  return folded;
}

const opening: ReadonlySet<string> = new Set(['IMPERSONATION_GRANTED', 'IMPERSONATION_EXCHANGED']);
const closing: ReadonlySet<string> = impersonationEndingEvents;

// Times are kept to the millisecond: within one, the grant and exchange come first and the end
// last, whatever was read meanwhile; the rest keeps the order it was written in.
function placeInTie(entry: TimelineEntry): number {
  if (entry.kind === 'look') return 1;
  return opening.has(entry.type) ? 0 : closing.has(entry.type) ? 2 : 1;
}

/**
 * Everything that happened in one impersonation, in order: its audit events (grant, exchange,
 * each change and refusal, the end) and every read served to it. For operators of its
 * location only (`getImpersonation`).
 */
export async function impersonationTimeline(
  ctx: ServiceContext,
  actor: Actor,
  impersonationId: string,
): Promise<ImpersonationTimeline> {
  const impersonation = await getImpersonation(ctx, actor, impersonationId);
  const [looks, events] = await Promise.all([
    ctx.db.lookRecord.findMany({
      where: { impersonationId },
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      take: MAX_LOOKS + 1,
      select: {
        occurredAt: true,
        what: true,
        objectIds: true,
        summary: true,
        subject: true,
        outcome: true,
      },
    }),
    ctx.db.auditEvent.findMany({
      where: { impersonationId },
      orderBy: { id: 'asc' },
      take: MAX_EVENTS,
      select: { occurredAt: true, type: true, data: true },
    }),
  ]);
  const shown = looks.slice(0, MAX_LOOKS);
  const entries: TimelineEntry[] = [
    ...events.map(({ occurredAt, type, data }) => ({
      kind: 'event' as const,
      at: occurredAt,
      type,
      data,
    })),
    ...foldRepeats(
      shown.map(({ occurredAt, ...look }) => ({ kind: 'look', at: occurredAt, ...look })),
    ),
  ];
  entries.sort((a, b) => a.at.getTime() - b.at.getTime() || placeInTie(a) - placeInTie(b));
  return { impersonation, entries, looksTruncated: looks.length > MAX_LOOKS };
}
