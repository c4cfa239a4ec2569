/**
 * What a database error means for the caller, read from what Prisma, the pg driver adapter and
 * pg itself throw: a fault of the input (text PostgreSQL cannot store, a reference to a row that does not
 * exist), a race lost to another request (a booking slot taken first), the database out of
 * reach, or none of these (a bug, left to be a 500).
 */
export type DatabaseFault =
  'invalid_text' | 'missing_reference' | 'slot_taken' | 'busy' | 'unavailable';

// P2024: no pooled connection in time; P2028: a transaction that could not start or finish in
// time. The database is there, this instance is saturated.
const busyPrismaCodes = new Set(['P2024', 'P2028']);

// P1001 cannot reach the server, P1002 timed out reaching it, P1008 operation timed out, P1017
// the server closed the connection.
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017']);

// What the pg driver adapter reports when the connection, not the statement, failed.
const unavailableAdapterKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

// SQLSTATE class 08 (connection exception), 57P01–57P03 (the server shutting down, crashed or
// starting up) and 53300 (too many connections): the same request will work in a moment.
const unavailableSqlState = /^(?:08\w{3}|57P0[123]|53300)$/;

// 22021: a byte sequence invalid in UTF-8 (U+0000 in text); 22P05: U+0000 in JSON.
const invalidTextSqlStates = new Set(['22021', '22P05']);

// 23P01: an exclusion constraint refused the row. The only one is `Booking_no_overlap`: two
// live bookings of one resource at overlapping times, so someone else booked the slot first.
const exclusionViolation = '23P01';

// Node's socket errors, and pg's own when a connection dies under a query (it has no code).
const socketErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
const lostConnectionMessage =
  /\b(?:Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

interface AdapterCause {
  kind?: unknown;
  code?: unknown;
  originalCode?: unknown;
}

export interface DatabaseFaultReport {
  fault: DatabaseFault;
  /** A short label of what failed (`P1001`, `ConnectionClosed`, `22021`), for the log. */
  detail: string;
}

export function databaseFaultOf(error: unknown): DatabaseFaultReport | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, meta } = error as { code?: unknown; message?: unknown; meta?: unknown };
  const cause = (meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined)
    ?.driverAdapterError?.cause;
  const prismaCode = typeof code === 'string' ? code : '';
  // The hot path's statements go to pg directly (`hotQuery`): its errors carry the SQLSTATE.
  const sqlState = String(cause?.originalCode ?? cause?.code ?? prismaCode);
  const kind = typeof cause?.kind === 'string' ? cause.kind : '';
  const report = (fault: DatabaseFault, detail: string) => ({ fault, detail });

  if (invalidTextSqlStates.has(sqlState)) return report('invalid_text', sqlState);
  if (prismaCode === 'P2003') return report('missing_reference', prismaCode);
  if (sqlState === exclusionViolation) return report('slot_taken', sqlState);
  if (busyPrismaCodes.has(prismaCode)) return report('busy', prismaCode);
  if (unavailableAdapterKinds.has(kind)) return report('unavailable', kind);
  if (unavailableSqlState.test(sqlState)) return report('unavailable', sqlState);
  if (unavailablePrismaCodes.has(prismaCode)) return report('unavailable', prismaCode);
  if (socketErrorCodes.has(prismaCode)) return report('unavailable', prismaCode);
  if (typeof message === 'string' && lostConnectionMessage.test(message)) {
    return report('unavailable', 'connection lost');
  }
  return null;
}
