import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  baseEnvSchema,
  parseEnvironment,
  port,
  positiveInt,
  replacedSetting,
  requiredInProduction,
} from './environment';

// A package's settings as packages declare them: on the base, with what production requires.
const lower = requiredInProduction(
  baseEnvSchema.safeExtend({ LOWER_URL: z.url().optional(), LOWER_PORT: port.default(5000) }),
  ['LOWER_URL'],
);
const upper = requiredInProduction(
  lower.safeExtend({
    UPPER_KEY: z.string().optional(),
    UPPER_LIMIT: positiveInt(10),
    UPPER_OLD: replacedSetting('UPPER_OLD was replaced by UPPER_LIMIT.'),
  }),
  ['UPPER_KEY'],
);

const problemsOf = (source: Record<string, string | undefined>) => {
  try {
    parseEnvironment(upper, source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the environment to be refused');
};

describe('the environment schema', () => {
  it('gives every setting its default outside production, requiring nothing', () => {
    expect(parseEnvironment(upper, {})).toEqual({
      NODE_ENV: 'development',
      LOWER_PORT: 5000,
      UPPER_LIMIT: 10,
    });
    expect(parseEnvironment(upper, { NODE_ENV: 'test', LOWER_PORT: '5001' })).toMatchObject({
      NODE_ENV: 'test',
      LOWER_PORT: 5001,
    });
  });

  it('in production, names every variable required by any layer that is missing', () => {
    const message = problemsOf({ NODE_ENV: 'production' });
    expect(message).toContain('LOWER_URL: required in production');
    expect(message).toContain('UPPER_KEY: required in production');
    expect(message).toMatch(/see \.env\.example/);
    expect(
      parseEnvironment(upper, {
        NODE_ENV: 'production',
        LOWER_URL: 'postgresql://db.internal/hotdesk',
        UPPER_KEY: 'k',
      }),
    ).toMatchObject({ NODE_ENV: 'production', UPPER_KEY: 'k' });
  });

  it('names a bad value together with what production misses, in one error', () => {
    const message = problemsOf({ NODE_ENV: 'production', LOWER_PORT: 'eighty', UPPER_LIMIT: '0' });
    expect(message).toContain('LOWER_PORT: must be a port number (1-65535)');
    expect(message).toMatch(/UPPER_LIMIT: .*>0/);
    expect(message).toContain('LOWER_URL: required in production');
    expect(message).toContain('UPPER_KEY: required in production');
  });

  it('counts a variable set to nothing or blanks as unset', () => {
    expect(parseEnvironment(upper, { LOWER_PORT: '', UPPER_LIMIT: '  ' })).toMatchObject({
      LOWER_PORT: 5000,
      UPPER_LIMIT: 10,
    });
    expect(problemsOf({ NODE_ENV: 'production', LOWER_URL: ' ', UPPER_KEY: '' })).toContain(
      'UPPER_KEY: required in production',
    );
  });

  it('refuses a replaced setting with its advice, and ignores variables it does not know', () => {
    expect(problemsOf({ UPPER_OLD: '1' })).toContain(
      'UPPER_OLD: UPPER_OLD was replaced by UPPER_LIMIT.',
    );
    expect(parseEnvironment(upper, { PATH: '/usr/bin' })).not.toHaveProperty('PATH');
  });
});
