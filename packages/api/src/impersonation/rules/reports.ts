/** The most a member may write when they report a view they did not expect. */
export const reportWordsMaxLength = 2000;

/**
 * Who says "I did not expect this" about a view: the member signed in as themself, or (the
 * e-mail's link) the member a verified link names. Never an impersonated session: the person
 * behind a view cannot file, nor silence, the member's report.
 */
export type Reporter = { userId: number | null; coworkerId: number | null; impersonating: boolean };

/**
 * Whether the reporter is the member whose account was viewed (any of their profiles, when
 * signed in). Anyone else is told the view does not exist, as for revoke.
 */
export function mayReportView(
  reporter: Reporter,
  view: { targetCoworkerId: number; targetUserId: number | null },
): boolean {
  if (reporter.impersonating) return false;
  if (reporter.userId !== null && reporter.userId === view.targetUserId) return true;
  return reporter.coworkerId !== null && reporter.coworkerId === view.targetCoworkerId;
}
