import { handlePortalTrpcRequest } from '@hotdesk/api/portal';

import { apiRoute } from '@/lib/api-route';

const handler = apiRoute(handlePortalTrpcRequest);

export { handler as GET, handler as POST };
