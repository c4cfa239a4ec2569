import { findTotpTimeStep } from '@hotdesk/auth';

import { type Db } from '../context';

/**
 * Checks a two-factor code and uses it up. A code is valid for its 30-second step and one step
 * either side, so without this it could be replayed for a minute and more: the step must be later
 * than the last one accepted for this user (RFC 6238 §5.2), and it is recorded in the same
 * statement, so of two requests with one code (a replay, or a race) exactly one gets in.
 * Sign-in and re-authentication both ask this.
 */
export async function consumeTotpCode(
  db: Db,
  user: { id: number; totpSecret: string },
  code: string,
  at: Date,
): Promise<boolean> {
  const step = findTotpTimeStep(user.totpSecret, code, { at });
  if (step === undefined) return false;
  const claimed = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1;
}
