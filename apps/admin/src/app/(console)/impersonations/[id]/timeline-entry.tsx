import { Badge } from '@/components/ui/badge';
import { auditDetails, auditTypeLabel, auditTypeTone } from '@/lib/audit-labels';
import { formatTime } from '@/lib/format';
import { type RouterOutputs } from '@/lib/trpc';

export type TimelineEntry = RouterOutputs['impersonation']['timeline']['entries'][number];
type Look = Extract<TimelineEntry, { kind: 'look' }>;

/** What was read, as the member is told it ("viewed your teams"), else by its procedure or route. */
function lookLabel(look: Look): string {
  const told = [look.summary, look.subject].filter(Boolean).join(' ');
  return told ? told.charAt(0).toUpperCase() + told.slice(1) : look.what;
}

/** `teamId 4 · invoiceNumber INV-0042` */
function idsOf(look: Look): string {
  const ids = look.objectIds;
  if (!ids || typeof ids !== 'object' || Array.isArray(ids)) return '';
  return Object.entries(ids)
    .map(([field, value]) => `${field} ${String(value)}`)
    .join(' · ');
}

/** One line of the timeline: a read served to the view, or an audit event of it. */
export function TimelineEntryRow({ entry }: { entry: TimelineEntry }) {
  const time = (
    <time
      dateTime={entry.at.toISOString()}
      className="font-mono text-xs text-slate-500 tabular-nums"
    >
      {formatTime(entry.at)}
    </time>
  );
  if (entry.kind === 'event') {
    const details = auditDetails(entry.type, entry.data);
    return (
      <li className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-5 py-3">
        {time}
        <Badge tone={auditTypeTone(entry.type)}>{auditTypeLabel(entry.type)}</Badge>
        {details ? <span className="text-sm text-slate-600">{details}</span> : null}
      </li>
    );
  }
  const ids = idsOf(entry);
  return (
    <li className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-5 py-3">
      {time}
      <span className="text-sm font-medium text-slate-900">{lookLabel(entry)}</span>
      {entry.times > 1 ? (
        <span className="text-xs text-slate-500">
          ×{entry.times} until {formatTime(entry.lastAt)}
        </span>
      ) : null}
      {entry.outcome !== 'OK' ? <Badge tone="red">Refused: {entry.outcome}</Badge> : null}
      <code className="text-xs text-slate-500">
        {entry.what}
        {ids ? ` · ${ids}` : ''}
      </code>
    </li>
  );
}
