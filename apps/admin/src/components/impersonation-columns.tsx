import { Badge } from '@/components/ui/badge';
import { columnHelper } from '@/components/ui/data-table';
import { modeName } from '@/lib/format';
import { type ImpersonationView } from '@/lib/trpc';

const helper = columnHelper<ImpersonationView>();

/** The columns every table of views shows alike: its mode, and the reason given for it. */
export const viewModeColumn = helper.accessor('mode', {
  header: 'Mode',
  cell: ({ getValue }) => (
    <Badge tone={getValue() === 'FULL' ? 'violet' : 'neutral'}>{modeName(getValue())}</Badge>
  ),
});

export const viewReasonColumn = (maxWidth: string) =>
  helper.accessor('reason', {
    header: 'Reason',
    meta: { className: maxWidth },
    cell: ({ getValue }) =>
      getValue() ? (
        <span className="line-clamp-2 text-slate-700" title={getValue() ?? undefined}>
          {getValue()}
        </span>
      ) : (
        <span className="text-slate-500">None given</span>
      ),
  });
