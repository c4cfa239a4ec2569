import { type KeySet } from '@hotdesk/auth';
import { type Prisma, type PrismaClient } from '@hotdesk/db';

import { type HotdeskConfig } from './config';

/** A Prisma handle that may be a transaction: services accept either. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Where a request came from; recorded on audit events, never used for authorisation. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** What every service function receives first: dependencies, a clock and the request. */
export interface ServiceContext {
  db: PrismaClient;
  keys: KeySet;
  config: HotdeskConfig;
  now: () => Date;
  request: RequestMeta;
}
