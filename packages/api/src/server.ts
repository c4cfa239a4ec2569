// What the per-app Node server (packages/server) serves without Next.js, and what it runs
// beside the requests: health, the REST contract, the JWKS, housekeeping, and the look
// records and audit sealing still under way when it stops.
export { settleAuditSealing } from './audit/audit-sealer';
export { handleHealthRequest } from './health/check-health';
export { scheduleHousekeeping, type Housekeeper } from './housekeeping/housekeeping';
export { handleJwksRequest, handleRestRequest } from './rest';
export { settleAllLookRecording } from './looks/look-recorder';
export { startViewNotices, type ViewNoticesWorker } from './notifications/view-notices-worker';
export { getRuntime, type Runtime } from './runtime';
export { runWithClientAddress } from './sessions/client-address';
export { withApiSecurityHeaders } from './security/security-headers';
export { logger } from './logging/logger';
