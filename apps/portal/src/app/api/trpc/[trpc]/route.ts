import { handlePortalTrpcRequest } from '@hotdesk/api/portal';

export { handlePortalTrpcRequest as GET, handlePortalTrpcRequest as POST };
