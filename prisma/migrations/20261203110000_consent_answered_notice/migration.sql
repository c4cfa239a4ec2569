-- A team administrator who asked a member for their yes is told the member's answer in the
-- portal (notifications/consent-notice.ts).
ALTER TYPE "NotificationKind" ADD VALUE 'CONSENT_ANSWERED';
