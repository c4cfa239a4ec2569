import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export interface CreatePrismaClientOptions {
  url: string;
  /** Pool size per process; keep it small, several app processes share one server. */
  max?: number;
}

export function createPrismaClient({ url, max = 10 }: CreatePrismaClientOptions): PrismaClient {
  // The adapter owns this pool, so `$disconnect()` closes it.
  const adapter = new PrismaPg({ connectionString: url, max });
  return new PrismaClient({ adapter });
}
