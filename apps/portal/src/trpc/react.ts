'use client';

import type { PortalRouter } from '@hotdesk/api';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<PortalRouter>();
