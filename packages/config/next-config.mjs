/**
 * What both apps' next.config.ts share. Plain JavaScript, so Next.js loads it as it is.
 * @type {import('next').NextConfig}
 */
export const sharedNextConfig = {
  // Workspace packages ship TypeScript source, compiled by the app.
  transpilePackages: ['@hotdesk/api', '@hotdesk/auth', '@hotdesk/config', '@hotdesk/db'],
  // Prisma 7's client runtime loads its query compiler (WebAssembly) at run time and the pg
  // driver uses Node built-ins; both must stay plain Node requires rather than be bundled.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg'],
  poweredByHeader: false,
  // turbo's build task runs the app's own typecheck (`next typegen && tsc`) first, and fails the
  // build on an error there (turbo.json); Next's check would repeat the same work in every build.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // The dev server answers at every loopback name the README's URLs could be typed as;
  // otherwise Next refuses its dev resources to them and pages load without JavaScript.
  allowedDevOrigins: ['127.0.0.1', '[::1]'],
  // The app server (packages/server) logs requests itself, path only: a query string may
  // carry a token, and nothing issued may reach a log.
  logging: { incomingRequests: false },
  // A second dev server of the same app (the launcher's, in tests) builds apart from `pnpm dev`.
  distDir: process.env.HOTDESK_NEXT_DIST_DIR || '.next',
};
