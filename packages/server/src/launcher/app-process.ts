import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const HEALTH_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;
const KEPT_LINES = 60;

/** One process the launcher started: an app instance, or `pnpm dev`'s database task. */
export interface LaunchedProcess {
  name: string;
  process: ChildProcess;
  /** The last lines it printed, shown when it dies. */
  output: string[];
}

export function launch(
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onOutput: (name: string, line: string) => void },
): LaunchedProcess {
  // This Node, not a package manager in between: one process to watch, measure and stop.
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const launched: LaunchedProcess = { name, process: child, output: [] };
  let partial = '';
  const keep = (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      launched.output.push(line);
      options.onOutput(name, line);
    }
    launched.output.splice(0, Math.max(0, launched.output.length - KEPT_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return launched;
}

export function hasExited({ process: child }: LaunchedProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Polls `url/api/health` until it answers 200; fails early if the process dies. */
export async function waitUntilHealthy(launched: LaunchedProcess, url: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (hasExited(launched)) {
      throw new Error(`${launched.name} exited while starting:\n${launched.output.join('\n')}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${launched.name} did not become healthy at ${url}/api/health: ${last}`);
}

/** SIGTERM (the apps close cleanly on it), then SIGKILL if it takes too long. */
export async function stopProcess(launched: LaunchedProcess): Promise<void> {
  if (hasExited(launched)) return;
  const exited = new Promise((resolve) => launched.process.once('exit', resolve));
  launched.process.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS, true)]);
  if (timedOut) {
    launched.process.kill('SIGKILL');
    await exited;
  }
}
