/** Every refusal the rules can give; rules.test.ts proves each one. */
export const refusalCodes = [
  'impersonated_session',
  'not_an_operator',
  'not_a_team_administrator',
  'not_found',
  'self',
  'staff',
  'inactive',
  'peer_administrator',
  'kind_disabled',
  'member_opted_out',
  'full_mode_disabled',
  'reason_required',
  'reason_too_long',
  'reauthentication_required',
  'actor_inactive',
  'actor_session_ended',
  'not_team_member',
  'own_administrator_flag',
  'other_administrator_flag',
  'not_a_location_manager',
  'read_only_view',
  'secret_for_member_only',
  'other_browser',
  'second_approval_required',
  'second_approval_not_needed',
  'own_request',
  'request_closed',
  'member_consent_required',
  'member_declined',
  'member_cannot_be_asked',
  'urgent_not_allowed',
  'sign_in_to_approve',
] as const;

export type RefusalCode = (typeof refusalCodes)[number];

export interface Refusal {
  status: 400 | 401 | 403 | 404;
  code: RefusalCode;
  /** A sentence for people: shown by both apps and returned by the API as is. */
  message: string;
  /** The input at fault, for 400s. */
  field?: string;
}

export const refuse = (
  status: Refusal['status'],
  code: RefusalCode,
  message: string,
  field?: string,
): Refusal => (field ? { status, code, message, field } : { status, code, message });
