import { type RequestMeta } from '../context';
import { currentClientAddress } from './client-address';

/**
 * Client address and agent for the audit trail and the per-address limits. The address is the
 * one the app server derived from the connection (see packages/server client-address.ts), never
 * a request header: `X-Forwarded-For` and `X-Real-IP` are whatever the client chose to send.
 */
export function requestMetaOf(req: Request): RequestMeta {
  return {
    ip: currentClientAddress()?.slice(0, 64) ?? null,
    userAgent: req.headers.get('user-agent'),
  };
}
