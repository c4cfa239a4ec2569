import { apiRoute } from '@/lib/api-route';

// Unknown routes under /api answer JSON, not the HTML 404 page.
export const dynamic = 'force-dynamic';

const notFound = apiRoute((req: Request) =>
  Response.json(
    { error: 'not_found', message: `No route ${new URL(req.url).pathname}.` },
    { status: 404, headers: { 'Cache-Control': 'no-store' } },
  ),
);

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
