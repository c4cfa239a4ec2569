import type { AdminRouter } from '@hotdesk/api/admin';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** Typed hooks for the admin router: every read and write of this app goes through them. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AdminRouter>();

export type RouterInputs = inferRouterInputs<AdminRouter>;
export type RouterOutputs = inferRouterOutputs<AdminRouter>;

export type Operator = NonNullable<RouterOutputs['me']>;
export type CustomerRow = RouterOutputs['coworkers']['search']['rows'][number];
export type CustomerDetail = RouterOutputs['coworkers']['detail'];
export type ImpersonationView = RouterOutputs['impersonation']['active'][number];
export type AuditEventRow = RouterOutputs['audit']['list']['rows'][number];
export type AuditEventType = RouterOutputs['audit']['types'][number];
export type LocationPolicy = RouterOutputs['policies']['list'][number]['policy'];
