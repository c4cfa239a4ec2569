import { handleAdminTrpcRequest } from '@hotdesk/api/admin';

export { handleAdminTrpcRequest as GET, handleAdminTrpcRequest as POST };
