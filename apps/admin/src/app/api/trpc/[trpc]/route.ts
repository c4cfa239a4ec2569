import { handleAdminTrpcRequest } from '@hotdesk/api/admin';

import { apiRoute } from '@/lib/api-route';

const handler = apiRoute(handleAdminTrpcRequest);

export { handler as GET, handler as POST };
