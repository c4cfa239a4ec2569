import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** The part of Next.js's custom-server API (`next(options)`, Next 16) this server uses. */
interface NextCustomServer {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close(): Promise<void>;
}

type CreateNext = (options: {
  dev: boolean;
  dir: string;
  hostname: string;
  port: number;
  httpServer: Server;
}) => NextCustomServer;

export interface NextServer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

/**
 * Next.js for pages, tRPC and its own assets, driven by our HTTP server. `nextModule` is the
 * app's own `next` package (required from the app's folder, after NODE_ENV is set); given the
 * HTTP server, Next also answers its dev server's WebSocket upgrades (fast refresh).
 */
export async function createNextServer(
  nextModule: unknown,
  options: { dev: boolean; dir: string; hostname: string; port: number; httpServer: Server },
): Promise<NextServer> {
  const createNext = (nextModule as { default?: CreateNext }).default ?? (nextModule as CreateNext);
  const next = createNext(options);
  await next.prepare();
  const handler = next.getRequestHandler();
  return { handle: (req, res) => handler(req, res), close: () => next.close() };
}
