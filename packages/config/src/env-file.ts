import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** The repository root: this file sits in packages/config/src. */
export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * Which file `loadEnvFile` reads: `HOTDESK_ENV_FILE` (relative to the repository) when set,
 * nothing when it is `off`, else the root `.env`. Every process of the project agrees on it,
 * whatever folder it was started in.
 */
export function envFilePath(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.HOTDESK_ENV_FILE?.trim();
  if (chosen === 'off') return null;
  return chosen ? path.resolve(repoRoot, chosen) : path.join(repoRoot, '.env');
}

/**
 * Copies the file's settings into `env`, except those the environment already sets (even to
 * an empty value): the real environment always wins. Returns the names it set.
 */
export function applyEnvFile(text: string, env: NodeJS.ProcessEnv): string[] {
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return applied;
}

export interface LoadedEnvFile {
  path: string;
  /** Names set from the file (the environment did not already set them). */
  applied: string[];
}

/**
 * Loads the project's env file into `env` (see `envFilePath`); a missing file is no error.
 * Only entry points call this (the app servers and the CLIs), never a library or a test, so
 * a stray `DATABASE_URL` in `.env` can never point a test at a real database.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): LoadedEnvFile | null {
  const file = envFilePath(env);
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read the env file ${file}: ${(error as Error).message}`);
  }
  return { path: file, applied: applyEnvFile(text, env) };
}
