import { startSystem, type HotdeskSystem, type SystemOptions } from '@hotdesk/server/launcher';
import { test } from '@playwright/test';

/**
 * A Hotdesk of the spec's own, started by the shared launcher before its tests and stopped
 * after them: its own database, instances and settings, for what the run's system cannot host
 * (several instances, other limits, a trusted proxy, development mode). Its apps' output is
 * kept quiet; the last lines of each are in the error when one fails to start.
 */
export function useOwnSystem(options: SystemOptions): () => HotdeskSystem {
  let system: HotdeskSystem | undefined;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    system = await startSystem({ onOutput: () => {}, log: () => {}, ...options });
  });
  test.afterAll(async () => {
    await system?.stop();
  });
  return () => {
    if (!system) throw new Error('the spec’s own system is not running');
    return system;
  };
}

/** An instance's URL at 127.0.0.1, so that the server sees the connection come from there. */
export function viaLoopbackIp(system: HotdeskSystem, name: string): string {
  return `http://127.0.0.1:${system.instance(name).port}`;
}
