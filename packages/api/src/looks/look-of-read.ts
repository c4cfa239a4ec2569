import { TRPCError } from '@trpc/server';

import { asHotdeskError } from '../errors';
import { type ActiveImpersonation } from '../sessions/actor';
import { type Look } from './look-recorder';

/** How a read served to an impersonated session is told to the member ("viewed your invoices"). */
export interface LookMeta {
  /** What the member reads in Account activity, e.g. "viewed your invoices" or "opened". */
  summary: string;
  /** The object looked at, named for the member (e.g. "INV-0042"), taken from the answer. */
  subject?: (output: unknown) => string | null;
}

/** A subject read from one text field of the answer: `subject: subjectFrom('number')`. */
export function subjectFrom(field: string): (output: unknown) => string | null {
  return (output) => {
    const value =
      output !== null && typeof output === 'object'
        ? (output as Record<string, unknown>)[field]
        : undefined;
    return typeof value === 'string' ? value : null;
  };
}

// Input fields that name an object: `id`, `teamId`, `number`, `invoiceNumber`…
const idField = /^(?:id|number|[a-z][A-Za-z0-9]{0,60}(?:Id|Number))$/;
// The input is the caller's: what is kept of it is bounded, and free of what PostgreSQL cannot
// store (U+0000), so one request can never spoil the batch it is written with.
const MAX_IDS = 8;
const MAX_NAME_LENGTH = 64;
const storable = (text: string) =>
  text.length > 0 && text.length <= MAX_NAME_LENGTH && !text.includes('\u0000');
const MAX_SUBJECT_LENGTH = 120;

/** The ids a request named: its top-level `id`, `…Id`, `number` and `…Number` fields. */
export function objectIdsOf(input: unknown): Record<string, string | number> | null {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return null;
  const ids: Record<string, string | number> = {};
  let count = 0;
  for (const [field, value] of Object.entries(input)) {
    if (count === MAX_IDS) break;
    if (!idField.test(field)) continue;
    const named =
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && storable(value));
    if (!named) continue;
    ids[field] = value;
    count += 1;
  }
  return count > 0 ? ids : null;
}

/** A failure's code as the record keeps it: the domain's own code, else the transport's. */
export function outcomeOf(error: unknown): string {
  const known = asHotdeskError(error instanceof TRPCError ? (error.cause ?? error) : error);
  if (known) return known.code;
  return error instanceof TRPCError ? error.code : 'INTERNAL_SERVER_ERROR';
}

/** The member-facing name of what was read, when the read says how to find it in its answer. */
function subjectOf(look: LookMeta | undefined, output: unknown): string | null {
  if (!look?.subject || output === undefined) return null;
  try {
    const subject = look.subject(output);
    if (typeof subject !== 'string' || !subject || subject.includes('\u0000')) return null;
    return subject.slice(0, MAX_SUBJECT_LENGTH);
  } catch {
    // A subject that cannot be named leaves the look unnamed; the answer was served anyway.
    return null;
  }
}

export interface ServedRead {
  at: Date;
  what: string;
  input: unknown;
  look: LookMeta | undefined;
  /** The answer, when the read succeeded. */
  output?: unknown;
  outcome: string;
}

/** The record of one read served to `view`. */
export function lookOfRead(view: ActiveImpersonation, read: ServedRead): Look {
  return {
    impersonationId: view.id,
    targetCoworkerId: view.targetCoworkerId,
    at: read.at,
    what: read.what,
    objectIds: objectIdsOf(read.input),
    summary: read.look?.summary ?? null,
    subject: read.outcome === 'OK' ? subjectOf(read.look, read.output) : null,
    outcome: read.outcome,
  };
}
