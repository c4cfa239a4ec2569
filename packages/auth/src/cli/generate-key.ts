import { parseArgs } from 'node:util';
import { generateAuditJwk } from '../audit-keys';
import { generateSigningJwk, type SigningAlgorithm } from '../key-set';

const USAGE = `Usage: pnpm --filter @hotdesk/auth keys:generate [--alg Ed25519|ES256] [--set]
       pnpm --filter @hotdesk/auth keys:generate --audit [--set]

Prints a new private signing JWK. With --set, prints a whole key-set document holding only that
key, ready to be the value of HOTDESK_JWKS. To rotate, add the printed key to the front of the
existing "keys" array (see packages/auth/README.md). With --audit, prints an HMAC key for the
audit chain instead (HOTDESK_AUDIT_KEYS; rotate the same way, and keep old keys listed). Add
--silent after pnpm to keep pnpm's own lines out of the output.`;

const { values } = parseArgs({
  options: {
    alg: { type: 'string', default: 'Ed25519' },
    set: { type: 'boolean', default: false },
    audit: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
} else if (values.audit) {
  const jwk = generateAuditJwk();
  process.stdout.write(`${JSON.stringify(values.set ? { keys: [jwk] } : jwk)}\n`);
} else if (values.alg !== 'Ed25519' && values.alg !== 'ES256') {
  process.stderr.write(`Unsupported --alg "${values.alg}".\n\n${USAGE}\n`);
  process.exitCode = 1;
} else {
  const jwk = await generateSigningJwk(values.alg satisfies SigningAlgorithm);
  const output = values.set ? { keys: [jwk] } : jwk;
  process.stdout.write(`${JSON.stringify(output)}\n`);
}
