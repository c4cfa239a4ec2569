/*
 * The rules of impersonation, all of them: who may view whom, in which mode, on what terms,
 * when a view must end, who may end it, and what a view may never touch. Pure functions over a
 * snapshot of facts (impersonation-snapshot.ts loads it). The grant endpoints, the exchange,
 * every request of an impersonated session, revoke, team permissions and both apps' "can I view
 * this person?" answers ask these functions; nothing else decides, and the apps only show what
 * the answers say. This is the rulebook's one door: the files beside it are its chapters.
 */

export {
  type AccessApproval,
  type AccessRequestFacts,
  accessRequestMinutes,
  type AccessRequestStatus,
  defaultLocationPolicy,
  type LocationPolicy,
  maxImpersonationSessionMinutes,
  policySessionMinutesRange,
  reasonMaxLength,
  type Role,
  type RuleSettings,
  sessionMinutesFor,
  type TargetFacts,
  type ViewerFacts,
  type ViewingSnapshot,
} from './facts';
export { type Refusal, type RefusalCode, refusalCodes } from './refusals';
export {
  impersonatesAnywhere,
  locationManagerRefusal,
  mayImpersonateAt,
  mayManageLocation,
  mayReviewReportsAt,
  reportReviewLocations,
} from './roles';
export {
  approvalUsedBy,
  type MemberConsent,
  type ModeTerms,
  type SecondApproval,
  viewability,
  type Viewability,
} from './viewability';
export { accessRequestNeeds, accessRequestRefusal, grantRefusal, type GrantRequest } from './grant';
export { approvalRefusal, type MemberDecider, memberDecisionRefusal } from './request-answers';
export {
  type GrantedView,
  mayRevoke,
  type MemberSecret,
  redeemerRefusal,
  secretRevealRefusal,
  secretShownUnasked,
  standingRefusal,
  type ViewEnd,
  viewChangeRefusal,
  viewContinuation,
} from './running-view';
export { mayReportView, type Reporter, reportWordsMaxLength } from './reports';
export {
  mayAdministerTeam,
  type TeamCaller,
  type TeamFacts,
  teamPageRefusal,
  teamPermissionChangeRefusal,
} from './teams';
