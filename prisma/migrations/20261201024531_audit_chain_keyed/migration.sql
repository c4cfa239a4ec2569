-- The audit chain is keyed: events and links record the HMAC key they were made with
-- (audit/audit-chain.ts). Rows made before this migration keep `keyId` null and verify as
-- legacy, plain SHA-256.

-- AlterTable
ALTER TABLE "AuditChainLink" ADD COLUMN     "keyId" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "keyId" TEXT;

-- Audit rows are append-only. A trigger, unlike a revoked privilege, binds the table's owner
-- and superusers too (the apps often connect as one): only someone who first disables it can
-- change history, and `pnpm audit:verify` is there for that case. The seal queue is not
-- history: the sealer deletes from it as it chains.
CREATE FUNCTION "hotdesk_refuse_audit_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit history is append-only: % on "%" refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "hotdesk_refuse_audit_change"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "hotdesk_refuse_audit_change"();

CREATE TRIGGER "AuditChainLink_append_only"
  BEFORE UPDATE OR DELETE ON "AuditChainLink"
  FOR EACH ROW EXECUTE FUNCTION "hotdesk_refuse_audit_change"();

CREATE TRIGGER "AuditChainLink_no_truncate"
  BEFORE TRUNCATE ON "AuditChainLink"
  FOR EACH STATEMENT EXECUTE FUNCTION "hotdesk_refuse_audit_change"();
