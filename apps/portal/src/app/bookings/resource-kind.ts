import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';

type ResourceKind =
  inferRouterOutputs<PortalRouter>['bookings']['resources']['resources'][number]['kind'];

const kindLabels: Record<ResourceKind, string> = {
  HOT_DESK: 'Hot desk',
  MEETING_ROOM: 'Meeting room',
  PRIVATE_OFFICE: 'Private office',
};

export const resourceKindLabel = (kind: ResourceKind) => kindLabels[kind];
