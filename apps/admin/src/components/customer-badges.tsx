import { Badge } from '@/components/ui/badge';
import { type CustomerRow } from '@/lib/trpc';

/** Status at a glance: active or suspended, staff, and whether the customer can sign in. */
export function CustomerBadges({
  customer,
}: {
  customer: Pick<CustomerRow, 'active' | 'isStaff' | 'hasLogin'>;
}) {
  return (
    <span className="flex flex-wrap gap-1">
      {customer.active ? <Badge tone="green">Active</Badge> : <Badge tone="amber">Suspended</Badge>}
      {customer.isStaff ? <Badge tone="violet">Staff</Badge> : null}
      {customer.hasLogin ? null : <Badge>No login</Badge>}
    </span>
  );
}
