import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source, compiled by the app.
  transpilePackages: ['@hotdesk/api', '@hotdesk/auth', '@hotdesk/db'],
  // Prisma 7's client runtime loads its query compiler (WebAssembly) at run time and the pg
  // driver uses Node built-ins; both must stay plain Node requires rather than be bundled.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
