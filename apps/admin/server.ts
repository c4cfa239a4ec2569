// The admin app's one process: the shared app server (packages/server) in front of Next.js.
import { runAppServer } from '@hotdesk/server';

await runAppServer({ app: 'admin', dir: import.meta.dirname });
