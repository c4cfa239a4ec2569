import { type RequestMeta } from '../context';

/**
 * Client address and agent for the audit trail. `X-Forwarded-For` is only believed behind a
 * trusted proxy (HOTDESK_TRUST_PROXY); otherwise the last hop, which Next.js itself adds.
 */
export function requestMetaOf(req: Request, trustProxy: boolean): RequestMeta {
  const forwarded = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const ip = (trustProxy ? forwarded[0] : forwarded.at(-1)) ?? req.headers.get('x-real-ip') ?? null;
  return { ip: ip?.slice(0, 64) ?? null, userAgent: req.headers.get('user-agent') };
}
