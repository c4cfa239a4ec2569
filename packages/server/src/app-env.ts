import { serverEnvSchema, validateServerEnv, type ServerEnv } from '@hotdesk/api/env';
import { port } from '@hotdesk/config/environment';

import { type AppName } from './app-server';

// What each app adds to the settings every app shares (@hotdesk/api/env): where it listens.
const portalEnvSchema = serverEnvSchema.safeExtend({ HOTDESK_PORTAL_PORT: port.default(3000) });
const adminEnvSchema = serverEnvSchema.safeExtend({ HOTDESK_ADMIN_PORT: port.default(3001) });

export const portVariable = (app: AppName) => `HOTDESK_${app.toUpperCase()}_PORT`;

/**
 * Validates the app's whole environment, once, and the port it listens on (`--port`, else its
 * setting). Throws, naming every variable at fault.
 */
export function validateAppEnv(
  app: AppName,
  portFlag: string | undefined,
): { env: ServerEnv; port: number } {
  const flagged = portFlag === undefined ? undefined : port.safeParse(portFlag);
  if (flagged?.success === false)
    throw new Error(`--port must be a port number, got "${portFlag}"`);
  if (app === 'portal') {
    const env = validateServerEnv(portalEnvSchema);
    return { env, port: flagged?.data ?? env.HOTDESK_PORTAL_PORT };
  }
  const env = validateServerEnv(adminEnvSchema);
  return { env, port: flagged?.data ?? env.HOTDESK_ADMIN_PORT };
}
