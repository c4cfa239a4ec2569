import { type BadgeTone } from '@/components/ui/badge';
import { modeName } from './format';

const labels: Record<string, string> = {
  SIGN_IN: 'Signed in',
  SIGN_IN_FAILED: 'Sign-in failed',
  SIGN_IN_UNLOCKED: 'Sign-in unlocked',
  SIGN_OUT: 'Signed out',
  SIGN_OUT_OTHER_SESSION: 'Signed out another device',
  SIGN_OUT_EVERYWHERE: 'Signed out everywhere',
  REFRESH_TOKEN_REUSED: 'Session ended: refresh token reused',
  IMPERSONATION_GRANTED: 'Impersonation started',
  IMPERSONATION_DENIED: 'Impersonation refused',
  IMPERSONATION_EXCHANGED: 'Portal opened as customer',
  IMPERSONATION_EXCHANGE_DENIED: 'Portal link refused',
  IMPERSONATION_EXITED: 'Impersonation exited',
  IMPERSONATION_REVOKED: 'Impersonation revoked',
  IMPERSONATION_EXPIRED: 'Impersonation expired',
  IMPERSONATION_ACTOR_SESSION_ENDED: 'Impersonation ended (operator signed out)',
  IMPERSONATION_WITHDRAWN: 'Impersonation ended (right withdrawn)',
  IMPERSONATION_MUTATION_DENIED: 'Change blocked (read-only)',
  ACCESS_REQUEST_CREATED: 'Access requested',
  ACCESS_REQUEST_APPROVED: 'Access request approved',
  ACCESS_REQUEST_DENIED: 'Access request denied',
  ACCESS_REQUEST_DECISION_DENIED: 'Access request decision refused',
  IMPERSONATION_REPORTED: 'Member reported a view',
  IMPERSONATION_REPORT_RESOLVED: 'Member report resolved',
  PROFILE_SWITCHED: 'Profile switched',
  PROFILE_UPDATED: 'Profile updated',
  TEAM_PERMISSIONS_UPDATED: 'Team permissions updated',
  POLICY_UPDATED: 'Location policy changed',
  TEAM_ADMIN_IMPERSONATION_PREFERENCE_CHANGED: 'Team admin viewing preference changed',
  VIEW_NOTICE_PREFERENCE_CHANGED: 'View e-mail preference changed',
  REAUTHENTICATED: 'Password confirmed',
  MEMBER_SECRET_REVEALED: 'Door PIN or card revealed',
  BOOKING_CREATED: 'Booking made',
  BOOKING_CANCELLED: 'Booking cancelled',
};

export const auditTypeLabel = (type: string) => labels[type] ?? type;

export function auditTypeTone(type: string): BadgeTone {
  if (type.endsWith('_DENIED') || type === 'SIGN_IN_FAILED' || type === 'REFRESH_TOKEN_REUSED')
    return 'red';
  if (type === 'IMPERSONATION_GRANTED' || type === 'IMPERSONATION_EXCHANGED') return 'violet';
  if (type === 'IMPERSONATION_REVOKED') return 'amber';
  if (type.startsWith('IMPERSONATION_')) return 'neutral';
  if (type.startsWith('SIGN_') || type === 'REAUTHENTICATED') return 'blue';
  return 'teal';
}

/** Groups for the event type filter, in the order an operator thinks of them. */
export function auditTypeGroup(type: string): string {
  if (type.startsWith('SIGN_') || type === 'REAUTHENTICATED' || type === 'REFRESH_TOKEN_REUSED')
    return 'Sign-in';
  if (type === 'POLICY_UPDATED') return 'Settings';
  if (type.startsWith('BOOKING_')) return 'Bookings';
  if (type.startsWith('IMPERSONATION_') || type.startsWith('ACCESS_REQUEST_'))
    return 'Impersonation';
  return 'Profiles and teams';
}

const signInFailures: Record<string, string> = {
  invalid_grant: 'wrong credentials or suspended',
  two_factor_auth_check: 'two-factor code missing or wrong',
  must_reset_password: 'must reset password',
  not_an_operator: 'member account at the admin console',
};

/** One line of what the event's data says, for the table. */
export function auditDetails(type: string, data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const record = data as Record<string, unknown>;
  const parts: string[] = [];
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : null);
  if (type === 'POLICY_UPDATED') {
    const before = record.before as Record<string, unknown> | undefined;
    const after = record.after as Record<string, unknown> | undefined;
    const changed = after
      ? Object.keys(after).filter(
          (key) => JSON.stringify(after[key]) !== JSON.stringify(before?.[key]),
        )
      : [];
    return changed.length
      ? `Changed ${changed.map((key) => `${key}: ${String(before?.[key])} → ${String(after?.[key])}`).join(', ')}`
      : 'No change';
  }
  if (type === 'TEAM_ADMIN_IMPERSONATION_PREFERENCE_CHANGED') {
    return record.allow ? 'Team administrators may view' : 'Team administrators may not view';
  }
  if (type === 'VIEW_NOTICE_PREFERENCE_CHANGED') {
    return record.email ? 'E-mail about views on' : 'E-mail about views off';
  }
  if (type === 'SIGN_OUT_EVERYWHERE' && typeof record.sessions === 'number') {
    return record.sessions === 1 ? '1 session ended' : `${record.sessions} sessions ended`;
  }
  if (type.startsWith('BOOKING_')) {
    return [text('resource'), text('when')].filter(Boolean).join(' · ');
  }
  if (type === 'SIGN_IN_FAILED') {
    const reason = text('reason');
    if (reason) parts.push(signInFailures[reason] ?? reason);
    const email = text('email');
    if (email) parts.push(email);
  } else {
    const mode = text('mode');
    if (mode === 'READ_ONLY' || mode === 'FULL') parts.push(modeName(mode));
    const reason = text('reason');
    if (reason) parts.push(`“${reason}”`);
    const why = text('why');
    if (why) parts.push(why);
    const procedure = text('procedure');
    if (procedure) parts.push(procedure);
    const person = (key: string) => {
      const value = record[key] as { name?: unknown } | undefined;
      return typeof value?.name === 'string' ? value.name : null;
    };
    const requestedBy = person('requestedBy');
    if (requestedBy) parts.push(`requested by ${requestedBy}`);
    const approvedBy = person('approvedBy');
    if (approvedBy) parts.push(`approved by ${approvedBy}`);
    if (record.memberAgreed === true) parts.push('the member agreed');
    if (record.urgent === true) parts.push('urgent: the member was not asked first');
    if (text('decidedAs') === 'member') {
      parts.push(
        text('via') === 'link'
          ? 'answered by the member, from the e-mail'
          : 'answered by the member',
      );
    }
  }
  const audience = text('audience');
  if (audience && type.startsWith('SIGN_'))
    parts.push(audience === 'ADMIN' ? 'admin console' : 'portal');
  return parts.join(' · ');
}
