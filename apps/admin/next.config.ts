import { sharedNextConfig } from '@hotdesk/config/next-config';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = { ...sharedNextConfig };

export default nextConfig;
