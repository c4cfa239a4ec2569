import { TestRunner } from 'vitest';

/** One row of the table printed at the end of `pnpm test:security`. */
export interface AttackRecord {
  attack: string;
  tried: number;
  outcome: string;
}

/** Where the rows travel from a test worker to the reporter: the test's own metadata. */
export interface AttackMeta {
  attacks?: AttackRecord[];
}

/**
 * Counts the answers one attack got ("401" ×38, "400" ×2), so the table says what the server
 * really answered, not what the test hoped for.
 */
export class Tally {
  readonly #counts = new Map<string, number>();

  get tried(): number {
    let total = 0;
    for (const count of this.#counts.values()) total += count;
    return total;
  }

  add(outcome: string | number): void {
    const key = String(outcome);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  count(outcome: string | number): number {
    return this.#counts.get(String(outcome)) ?? 0;
  }

  summary(): string {
    const entries = [...this.#counts.entries()].sort((a, b) => b[1] - a[1]);
    if (entries.length === 0) return 'nothing tried';
    if (entries.length === 1) return `all ${entries[0]?.[0]}`;
    return entries.map(([outcome, count]) => `${outcome} ×${count}`).join(', ');
  }
}

/**
 * Records an attack for the final table. Call it before asserting, so a failing attack still
 * shows what it got.
 */
export function recordAttack(attack: string, result: Tally | { tried: number; outcome: string }) {
  const test = TestRunner.getCurrentTest();
  if (!test) throw new Error('recordAttack must be called inside a test');
  const meta = test.meta as AttackMeta;
  const row =
    result instanceof Tally
      ? { attack, tried: result.tried, outcome: result.summary() }
      : { attack, ...result };
  (meta.attacks ??= []).push(row);
}
