import { z } from 'zod';

// The only place this app reads process.env; everything else imports `env`.
const serverSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url().optional(),
  HOTDESK_PORTAL_URL: z.url().default('http://localhost:3000'),
  HOTDESK_ADMIN_URL: z.url().default('http://localhost:3001'),
});

const parsed = serverSchema.safeParse({
  NODE_ENV: process.env.NODE_ENV || undefined,
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  HOTDESK_PORTAL_URL: process.env.HOTDESK_PORTAL_URL || undefined,
  HOTDESK_ADMIN_URL: process.env.HOTDESK_ADMIN_URL || undefined,
});

if (!parsed.success) {
  throw new Error(`Invalid environment for @hotdesk/portal:\n${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;
