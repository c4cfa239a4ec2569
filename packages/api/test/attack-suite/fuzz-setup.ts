import fc from 'fast-check';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzSeed: number;
  }
}

// One seed for every property of the run, printed in the final table, so a failure replays.
fc.configureGlobal({ seed: inject('fuzzSeed') });
