/**
 * Imported first by every entry point (app servers, CLIs, scripts), before any module that reads
 * the environment while it loads: the root `.env` then counts like the real environment.
 */
import { loadEnvFile } from './env-file';

export const loadedEnvFile = loadEnvFile();
