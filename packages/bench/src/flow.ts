/**
 * The impersonation flow an integration goes through: an operator asks for a one-time token
 * (grant), redeems it for an impersonated bearer (exchange), and makes its first call as the
 * member (profiles). Over HTTP against the portal, and through the same domain services in
 * this process (no HTTP, no Next.js): the floor the HTTP figures are compared with.
 */
import {
  authenticateAccessToken,
  exchangeOneTimeToken,
  issueOperatorImpersonation,
  listProfiles,
  type ServiceContext,
} from '@hotdesk/api/services';

import { request, type HttpAnswer } from './http-client';
import { type Iteration } from './workers';

export const FLOW_STEPS = ['grant', 'exchange', 'profiles'] as const;

const VALID_FOR_MINUTES = 60;

export interface FlowInputs {
  /** One operator bearer per few workers (worker i uses operatorBearers[i % n]). */
  operatorBearers: string[];
  targetIds: number[];
}

/** Spreads the workers over the targets so no two start on the same coworker. */
function targetOf(inputs: FlowInputs, worker: number, iteration: number): number {
  const index = (worker * 7_919 + iteration * 104_729) % inputs.targetIds.length;
  return inputs.targetIds[index] as number;
}

function operatorOf(inputs: FlowInputs, worker: number): string {
  return inputs.operatorBearers[worker % inputs.operatorBearers.length] as string;
}

function expectJson({ status, text }: HttpAnswer, step: string): Record<string, unknown> {
  if (status !== 200) throw new Error(`${step}: HTTP ${status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export function httpFlow(portalUrl: string, inputs: FlowInputs): Iteration {
  return async (worker, iteration, timer) => {
    const bearer = operatorOf(inputs, worker);
    const coworkerId = targetOf(inputs, worker, iteration);
    const grant = await timer.step('grant', async () =>
      expectJson(
        await request(`${portalUrl}/api/sys/users/impersonate?coworkerId=${coworkerId}`, {
          headers: { Authorization: `Bearer ${bearer}` },
        }),
        'grant',
      ),
    );
    const token = encodeURIComponent(String(grant.token));
    const exchange = await timer.step('exchange', async () =>
      expectJson(
        await request(
          `${portalUrl}/api/sys/users/exchange?token=${token}&validForInMinutes=${VALID_FOR_MINUTES}`,
          { method: 'POST' },
        ),
        'exchange',
      ),
    );
    await timer.step('profiles', async () => {
      const profiles = await expectJson(
        await request(`${portalUrl}/api/public/coworkers/profiles`, {
          headers: { Authorization: `Bearer ${String(exchange.token)}` },
        }),
        'profiles',
      );
      const listed = profiles.Profiles as Array<{ Id: number }> | undefined;
      if (listed?.[0]?.Id !== coworkerId) throw new Error('profiles: not the impersonated member');
    });
  };
}

/**
 * The same three steps through the services the REST handlers call, with the same
 * authentication of the bearer at each step, minus HTTP, routing, JSON and Next.js.
 */
export function inProcessFlow(ctx: () => ServiceContext, inputs: FlowInputs): Iteration {
  return async (worker, iteration, timer) => {
    const bearer = operatorOf(inputs, worker);
    const coworkerId = targetOf(inputs, worker, iteration);
    const grant = await timer.step('grant', async () => {
      const operator = await authenticateAccessToken(ctx(), bearer, 'PORTAL');
      if (!operator) throw new Error('grant: operator bearer refused');
      return issueOperatorImpersonation(ctx(), operator, { coworkerId });
    });
    const session = await timer.step('exchange', () =>
      exchangeOneTimeToken(ctx(), { token: grant.token, validForMinutes: VALID_FOR_MINUTES }),
    );
    await timer.step('profiles', async () => {
      const member = await authenticateAccessToken(ctx(), session.accessToken, 'PORTAL');
      if (!member) throw new Error('profiles: impersonated bearer refused');
      const view = await listProfiles(ctx(), member);
      if (view.profiles[0]?.id !== coworkerId) {
        throw new Error('profiles: not the impersonated member');
      }
    });
  };
}
