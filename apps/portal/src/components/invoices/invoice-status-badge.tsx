import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { Badge } from '../ui/badge';

type InvoiceStatus = inferRouterOutputs<PortalRouter>['invoices']['get']['status'];

const looks: Record<InvoiceStatus, { label: string; tone: 'emerald' | 'amber' | 'red' }> = {
  paid: { label: 'Paid', tone: 'emerald' },
  due: { label: 'Due', tone: 'amber' },
  overdue: { label: 'Overdue', tone: 'red' },
};

/** Paid, due or overdue, as the server decided it at the invoice's location. */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return <Badge tone={looks[status].tone}>{looks[status].label}</Badge>;
}
