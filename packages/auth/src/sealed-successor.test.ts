import { describe, expect, it } from 'vitest';
import { generateOpaqueToken, hashOpaqueToken } from './opaque-token';
import { openSuccessor, sealSuccessor } from './sealed-successor';

const session = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
const pair = {
  accessToken: generateOpaqueToken('session'),
  refreshToken: generateOpaqueToken('refresh'),
};

describe('sealed successor pair', () => {
  it('opens with the refresh token it replaced, for the same session only', () => {
    const old = generateOpaqueToken('refresh');
    const sealed = sealSuccessor(old, session, pair);
    expect(openSuccessor(old, session, sealed)).toEqual(pair);
    expect(openSuccessor(generateOpaqueToken('refresh'), session, sealed)).toBeNull();
    expect(openSuccessor(old, '00000000-0000-0000-0000-000000000000', sealed)).toBeNull();
    // What the database holds of the old token is no key to it.
    expect(openSuccessor(hashOpaqueToken(old), session, sealed)).toBeNull();
  });

  it('holds no token in the clear, and refuses a tampered seal', () => {
    const old = generateOpaqueToken('refresh');
    const sealed = sealSuccessor(old, session, pair);
    expect(sealed).not.toContain(pair.refreshToken.slice(4, 20));
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(openSuccessor(old, session, bytes.toString('base64url'))).toBeNull();
    expect(openSuccessor(old, session, 'not-a-seal')).toBeNull();
  });
});
