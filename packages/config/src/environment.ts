import { z } from 'zod';

/**
 * The root of Hotdesk's one environment schema. Each package that reads settings declares its
 * own on top of the one below it (`@hotdesk/db`: the database; `@hotdesk/api`: everything the
 * apps run on, the base the apps extend), so every setting is defined once.
 */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

export const port = z.coerce
  .number({ error: 'must be a port number (1-65535)' })
  .int()
  .min(1)
  .max(65_535);

/** A setting that no longer exists: set, it stops the process with `advice` on what replaced it. */
export const replacedSetting = (advice: string) => z.never({ error: advice }).optional();

/**
 * `schema`, refusing a production environment without `names`: a development default (an
 * embedded database, a generated key) would be silently wrong there.
 */
export function requiredInProduction<S extends z.ZodObject>(
  schema: S,
  names: ReadonlyArray<keyof z.output<S> & string>,
): S {
  return schema.superRefine(
    (env: Record<string, unknown>, ctx) => {
      if (env.NODE_ENV !== 'production') return;
      for (const name of names) {
        if (env[name] === undefined) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'required in production' });
        }
      }
    },
    // Also when another setting is wrong: one start names every problem at once.
    { when: () => true },
  );
}

/**
 * Validates `source` against `schema`; a missing or bad setting throws one error that names
 * every variable at fault. A variable set to nothing (or to blanks) counts as unset, so an
 * empty `NAME=` line in an env file means the default.
 */
export function parseEnvironment<T>(
  schema: z.ZodType<T>,
  source: Record<string, string | undefined>,
): T {
  const present = Object.entries(source).flatMap(([name, value]) => {
    const trimmed = value?.trim();
    return trimmed ? [[name, trimmed] as const] : [];
  });
  const parsed = schema.safeParse(Object.fromEntries(present));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment (see .env.example):\n  ${problems.join('\n  ')}`);
}
