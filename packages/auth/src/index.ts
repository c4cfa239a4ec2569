export {
  DEFAULT_SIGNING_ALGORITHM,
  generateSigningJwk,
  KeySet,
  KID_PATTERN,
  loadKeySetFromJson,
  type KeyStatus,
  type PublicJwk,
  type PublicJwks,
  type SigningAlgorithm,
  type SigningJwk,
  type SigningKey,
  type VerificationKey,
} from './key-set';
export { loadOrCreateKeySetFile } from './key-set-file';
export {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_IMPERSONATION_TOKEN_SECONDS,
  IMPERSONATION_TOKEN_TYPE,
  MAX_IMPERSONATION_TOKEN_LENGTH,
  MAX_IMPERSONATION_TOKEN_SECONDS,
  signImpersonationToken,
  verifyImpersonationToken,
  type ImpersonationKind,
  type ImpersonationMode,
  type ImpersonationTokenClaims,
  type ImpersonationTokenInput,
  type VerifyImpersonationTokenOptions,
} from './one-time-token';
export { TokenVerificationError, type TokenVerificationReason } from './token-verification-error';
export {
  DEFAULT_PASSWORD_COST,
  hashPassword,
  INSECURE_TEST_PASSWORD_COST,
  needsRehash,
  verifyPassword,
  verifyPasswordOrDummy,
  type PasswordCost,
} from './password';
export {
  generateOpaqueToken,
  hashOpaqueToken,
  OPAQUE_TOKEN_PREFIXES,
  opaqueTokenKind,
  type OpaqueTokenKind,
} from './opaque-token';
export {
  findTotpTimeStep,
  generateTotp,
  generateTotpSecret,
  verifyTotp,
  type VerifyTotpOptions,
} from './totp';
export {
  AuditKeyRing,
  generateAuditJwk,
  loadAuditKeysFromJson,
  loadOrCreateAuditKeyFile,
  type AuditJwk,
} from './audit-keys';
export {
  AUDIT_CHECKPOINT_TYPE,
  signAuditCheckpoint,
  verifyAuditCheckpoint,
  type AuditCheckpoint,
  type SignedAuditCheckpoint,
} from './audit-checkpoint';
export { openSuccessor, sealSuccessor, type TokenPair } from './sealed-successor';
export {
  MAIL_LINK_PURPOSES,
  MAIL_LINK_TOKEN_TYPE,
  MAX_MAIL_LINK_SECONDS,
  MAX_MAIL_LINK_TOKEN_LENGTH,
  signMailLinkToken,
  verifyMailLinkToken,
  type MailLinkClaims,
  type MailLinkPurpose,
  type MailLinkTokenInput,
} from './mail-link-token';
