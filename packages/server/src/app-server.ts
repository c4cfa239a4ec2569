import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import {
  handleHealthRequest,
  handleJwksRequest,
  handleRestRequest,
  logger,
  runWithClientAddress,
  withApiSecurityHeaders,
} from '@hotdesk/api/server';

import { clientAddressOf } from './client-address';
import { RequestBodyTooLarge, sendWebResponse, toWebRequest } from './node-bridge';

export type AppName = 'portal' | 'admin';

type FetchHandler = (req: Request) => Promise<Response>;

export interface AppServerOptions {
  app: AppName;
  /** The app's own public origin: the origin of the `Request`s the API is handed. */
  origin: string;
  trustedProxyHops: number;
  /** Everything the server does not answer itself: pages, tRPC, Next's assets. */
  handleWithNext: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Settles when the app may serve: Next is prepared (and, in dev, the database is seeded). */
  ready: Promise<void>;
}

const jsonAnswer = (status: number, body: Record<string, string>) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

const noAdminApi: FetchHandler = async (req) =>
  jsonAnswer(404, { error: 'not_found', message: `No route ${new URL(req.url).pathname}.` });

/**
 * What the app server answers itself, without Next's per-request machinery: health, and in the
 * portal the REST contract and the JWKS. tRPC (`/api/trpc/…`) and pages are Next's.
 */
function directHandler(app: AppName, pathname: string): FetchHandler | null {
  if (pathname === '/api/health') return () => handleHealthRequest(app);
  if (pathname.startsWith('/api/trpc/')) return null;
  if (app === 'portal' && pathname === '/.well-known/jwks.json') return handleJwksRequest;
  // Under /api, unknown routes answer JSON rather than an HTML page, in both apps.
  if (pathname.startsWith('/api/')) return app === 'portal' ? handleRestRequest : noAdminApi;
  return null;
}

/**
 * How long an idle kept-alive connection stays open. Node's 5 s closes it while clients that
 * pool connections for longer (API clients, test runners) may be sending on it: the request
 * fails with a reset. A minute outlasts a load balancer's usual idle timeout, so the balancer
 * closes first; the `Keep-Alive: timeout=65` header tells clients that honour it.
 */
const KEEP_ALIVE_MS = 65_000;

/** Next's assets and dev endpoints are not worth a log line each. */
const quietPath = (pathname: string) =>
  pathname.startsWith('/_next/') || pathname.startsWith('/__nextjs');

/**
 * The one HTTP server of an app, in development and production alike. It works out the
 * client's address once per request (see client-address.ts) and runs the request's handling
 * with it, whichever way it goes: REST and health straight to the API's fetch handlers, the
 * rest to Next.js. Requests that arrive before the app is ready wait for it; health answers
 * 503 meanwhile.
 */
export function createAppServer(options: AppServerOptions): Server {
  const apiHeaders = { https: options.origin.startsWith('https:') };
  let isReady = false;
  const ready = options.ready.then(() => {
    isReady = true;
  });
  // A failed start is reported by whoever awaits `options.ready`; requests then get a 503.
  ready.catch(() => {});

  const serveDirectly = withApiSecurityHeaders(
    async (handler: FetchHandler, req: IncomingMessage, url: URL): Promise<Response> => {
      if (!isReady && url.pathname === '/api/health') {
        return jsonAnswer(503, { status: 'starting', app: options.app });
      }
      let request: Request;
      try {
        request = await toWebRequest(req, url);
      } catch (error) {
        if (error instanceof RequestBodyTooLarge) {
          return jsonAnswer(413, { error: 'payload_too_large', message: 'The body is too large.' });
        }
        // Headers that Node accepted but a fetch `Headers` refuses, or a broken body stream.
        return jsonAnswer(400, { error: 'bad_request', message: 'Malformed request.' });
      }
      try {
        await ready;
      } catch {
        return jsonAnswer(503, { error: 'unavailable', message: 'The app failed to start.' });
      }
      try {
        return await handler(request);
      } catch (error) {
        logger.error('http.unexpected_error', { path: url.pathname, error });
        return jsonAnswer(500, { error: 'internal_error', message: 'Something went wrong.' });
      }
    },
    apiHeaders,
  );

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    address: string | null,
  ): Promise<void> {
    const started = performance.now();
    // Paths only ever start with "/" here; anything else (absolute form, "*") is Next's to refuse.
    const path = req.url?.startsWith('/') ? req.url : null;
    const url = URL.parse(`${options.origin}${path ?? '/'}`);
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request.');
      return;
    }
    const handler = path ? directHandler(options.app, url.pathname) : null;
    if (handler) {
      await sendWebResponse(res, await serveDirectly(handler, req, url), req.method);
      return;
    }
    res.once('finish', () => {
      if (quietPath(url.pathname)) return;
      // The path only: a query string may carry anything, tokens included.
      logger.info('http.request', {
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        ip: address,
      });
    });
    try {
      await ready;
    } catch {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unavailable.');
      return;
    }
    await options.handleWithNext(req, res);
  }

  const server = createServer((req, res) => {
    const forwarded = req.headers['x-forwarded-for'];
    const address = clientAddressOf(
      req.socket.remoteAddress,
      Array.isArray(forwarded) ? forwarded.join(', ') : forwarded,
      options.trustedProxyHops,
    );
    runWithClientAddress(address, () =>
      handle(req, res, address).catch((error: unknown) => {
        logger.error('http.unexpected_error', { error });
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }),
    );
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
