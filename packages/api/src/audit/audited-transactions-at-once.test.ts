import { describe, expect, it } from 'vitest';

import { auditedTransactionsAtOnce } from './record-audit-event';

describe('audited transactions a process lets into the database at once', () => {
  it('leaves at least half the pool to reads', () => {
    expect(auditedTransactionsAtOnce(4)).toBe(2);
    expect(auditedTransactionsAtOnce(5)).toBe(2);
    expect(auditedTransactionsAtOnce(2)).toBe(1);
  });

  it('is never fewer than one, nor more than four', () => {
    expect(auditedTransactionsAtOnce(1)).toBe(1);
    expect(auditedTransactionsAtOnce(10)).toBe(4);
    expect(auditedTransactionsAtOnce(100)).toBe(4);
  });
});
