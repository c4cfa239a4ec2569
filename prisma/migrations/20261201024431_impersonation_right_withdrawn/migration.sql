-- AlterEnum
ALTER TYPE "ImpersonationEndReason" ADD VALUE 'RIGHT_WITHDRAWN';

-- AlterEnum
ALTER TYPE "SessionEndReason" ADD VALUE 'RIGHT_WITHDRAWN';
