import { describe, expect, it } from 'vitest';
import { signAuditCheckpoint, verifyAuditCheckpoint } from './audit-checkpoint';
import { generateSigningJwk, loadKeySetFromJson } from './key-set';

const checkpoint = { iss: 'hotdesk', seq: '42', hash: 'a'.repeat(64), at: '2026-11-22T10:00:00Z' };
const keySet = async (...keys: object[]) => loadKeySetFromJson(JSON.stringify({ keys }));

describe('audit checkpoints', () => {
  it('verify with the key set that signed them, also after a rotation', async () => {
    const old = await generateSigningJwk();
    const signed = await signAuditCheckpoint(await keySet(old), checkpoint);
    expect(await verifyAuditCheckpoint(await keySet(old), signed, 'hotdesk')).toEqual(checkpoint);
    const rotated = await keySet(await generateSigningJwk(), old);
    expect(await verifyAuditCheckpoint(rotated, signed, 'hotdesk')).toEqual(checkpoint);
  });

  it('refuse another key, an edited head, another deployment and a non-checkpoint', async () => {
    const key = await generateSigningJwk();
    const keys = await keySet(key);
    const signed = await signAuditCheckpoint(keys, checkpoint);
    const edited = {
      ...signed,
      payload: Buffer.from(JSON.stringify({ ...checkpoint, seq: '41' })).toString('base64url'),
    };
    await expect(
      verifyAuditCheckpoint(await keySet(await generateSigningJwk()), signed, 'hotdesk'),
    ).rejects.toThrow(/does not verify/);
    await expect(verifyAuditCheckpoint(keys, edited, 'hotdesk')).rejects.toThrow(/does not verify/);
    await expect(verifyAuditCheckpoint(keys, signed, 'elsewhere')).rejects.toThrow(
      /not a checkpoint of this deployment/,
    );
    await expect(verifyAuditCheckpoint(keys, 'eyJ.x.y', 'hotdesk')).rejects.toThrow(
      /not a flattened JWS/,
    );
    const retired = await keySet(await generateSigningJwk(), { ...key, status: 'retired' });
    await expect(verifyAuditCheckpoint(retired, signed, 'hotdesk')).rejects.toThrow(
      /does not verify/,
    );
  });
});
