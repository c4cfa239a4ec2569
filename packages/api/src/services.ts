/**
 * The domain services for callers in the same process that are not an app: scripts, and the
 * benchmark (packages/bench), which runs the REST flows through them without HTTP as a floor.
 */
export { attachAuditTrail } from './audit/audit-trail';
export { configFromEnv, type HotdeskConfig } from './config';
export { type ServiceContext } from './context';
export { searchCoworkers, type CoworkerSearch } from './coworkers/customer-search';
export { readServerEnv } from './env';
export { auditTrailFor } from './runtime';
export { exchangeOneTimeToken } from './impersonation/exchange-one-time-token';
export { issueOperatorImpersonation } from './impersonation/grant-impersonation';
export { listProfiles } from './profiles/profile-service';
export { type Actor } from './sessions/actor';
export { authenticateAccessToken } from './sessions/authenticate';
export { runHousekeepingPass } from './housekeeping/housekeeping';
