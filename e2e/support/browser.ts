import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import chromium from '@sparticuz/chromium';

/** Where Debian (and most Linux distributions) install Chromium. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface BrowserChoice {
  /** `system`: an installed Chromium. `npm`: the one shipped inside `@sparticuz/chromium`. */
  source: 'system' | 'npm';
  executablePath: string;
  /** The major version that binary reports, for the check that a run really used it. */
  major: string;
}

// The package exports no package.json; its entry sits in build/.
const npmChromiumDir = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')),
  '..',
);
const npmChromiumVersion = (
  JSON.parse(readFileSync(path.join(npmChromiumDir, 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Unpacks the npm-shipped Chromium once per machine and version, under the system's temp folder.
 * The package unpacks into `os.tmpdir()` and trusts whatever it finds there, so it unpacks into
 * a fresh folder of ours, renamed into place when complete: parallel runs never see half a file.
 */
async function unpackNpmChromium(): Promise<string> {
  const target = path.join(tmpdir(), `hotdesk-chromium-${npmChromiumVersion}`);
  const binary = path.join(target, 'chromium');
  if (existsSync(binary)) return binary;
  const staging = await mkdtemp(path.join(tmpdir(), 'hotdesk-chromium-unpacking-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  try {
    await rename(staging, target);
  } catch {
    // Another run got there first: use theirs.
    await rm(staging, { recursive: true, force: true });
  }
  return binary;
}

function systemMajor(executablePath: string): string {
  const version = execFileSync(executablePath, ['--version'], { encoding: 'utf8' });
  return /(\d+)\.\d+\.\d+/.exec(version)?.[1] ?? 'unknown';
}

/**
 * The browser of an e2e run. `HOTDESK_E2E_BROWSER=npm` forces the npm-shipped Chromium (CI does,
 * so that path stays proven); otherwise `CHROMIUM_PATH`, else the system's Chromium when there
 * is one, else the npm one. Nothing is downloaded: Playwright's own download cannot work here.
 */
export async function chooseBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  const forced = env.HOTDESK_E2E_BROWSER?.trim() || 'auto';
  if (forced !== 'auto' && forced !== 'npm') {
    throw new Error(`HOTDESK_E2E_BROWSER must be "auto" or "npm", not "${forced}"`);
  }
  const installed =
    env.CHROMIUM_PATH || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
  if (forced === 'auto' && installed) {
    return { source: 'system', executablePath: installed, major: systemMajor(installed) };
  }
  return {
    source: 'npm',
    executablePath: await unpackNpmChromium(),
    major: npmChromiumVersion.split('.')[0] ?? 'unknown',
  };
}
