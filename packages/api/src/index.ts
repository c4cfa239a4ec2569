export { HotdeskError, type HotdeskErrorCode } from './errors';
export { auditEventTypes, type AuditEventType } from './audit/audit-event-types';
export type { AdminRouter } from './admin';
export type { PortalRouter } from './portal';
export { logger, setLogSink } from './logging/logger';
export { appUrlForRequest } from './app-urls';
export { reportWordsMaxLength } from './impersonation/rules';
