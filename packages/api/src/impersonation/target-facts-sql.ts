import { Prisma } from '@hotdesk/db';

/**
 * The rules' facts about one coworker (rules/ `TargetFacts`) as one JSON value, for the
 * statements of the hot path that load a whole snapshot in one round trip. `coworkerId` is a
 * SQL expression (a column or a parameter). The policy is null where the location has none
 * stored; the caller supplies the defaults.
 */
export function targetFactsJson(coworkerId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object(
      'id', t."id", 'locationId', t."locationId", 'active', t."active", 'userId', t."userId",
      'fullName', t."fullName",
      'hasLogin', EXISTS (SELECT 1 FROM "User" tu WHERE tu."id" = t."userId" AND tu."active"
                          AND tu."passwordHash" IS NOT NULL),
      'hasEmail', t."email" IS NOT NULL OR t."userId" IS NOT NULL,
      'allowTeamAdminImpersonation', t."allowTeamAdminImpersonation",
      'isStaff', EXISTS (SELECT 1 FROM "OperatorRole" r WHERE r."userId" = t."userId"),
      'teams', COALESCE((
        SELECT json_agg(json_build_object('teamId', tm."teamId", 'isAdministrator', tm."isAdministrator"))
        FROM "TeamMember" tm JOIN "Team" tt ON tt."id" = tm."teamId"
        WHERE tm."coworkerId" = t."id" AND tt."locationId" = t."locationId"), '[]'::json),
      'policy', (
        SELECT json_build_object(
          'operatorImpersonationEnabled', lp."operatorImpersonationEnabled",
          'teamAdminImpersonationEnabled', lp."teamAdminImpersonationEnabled",
          'maxSessionMinutes', lp."maxSessionMinutes",
          'fullModeAllowed', lp."fullModeAllowed",
          'reasonRequired', lp."reasonRequired",
          'fullAccessNeedsSecondApproval', lp."fullAccessNeedsSecondApproval",
          'askMemberFirst', lp."askMemberFirst", 'urgentViewAllowed', lp."urgentViewAllowed")
        FROM "LocationPolicy" lp WHERE lp."locationId" = t."locationId"))
    FROM "Coworker" t WHERE t."id" = ${coworkerId})`;
}
