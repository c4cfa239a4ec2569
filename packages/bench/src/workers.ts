import { percentiles, type Percentiles } from './stats';

/** Times the named steps of one iteration of a multi-step flow. */
export interface StepTimer {
  step<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export type Iteration = (worker: number, iteration: number, timer: StepTimer) => Promise<void>;

export interface WorkersOptions {
  concurrency: number;
  /** Workers start no new iteration after this long… */
  seconds: number;
  /** …nor once this many have been started in all. */
  maxIterations: number;
  iteration: Iteration;
}

export interface WorkersRun {
  concurrency: number;
  /** From the first start to the last iteration's end (the tail included). */
  elapsedSeconds: number;
  completed: number;
  failed: number;
  firstError: string | null;
  perSecond: number;
  /** Latency of each step, and of the whole iteration (`total`), successful iterations only. */
  latency: Record<string, Percentiles>;
}

/**
 * `concurrency` async workers, each looping over `iteration` back to back (a closed loop: a
 * new iteration starts when the previous one ends), bounded by time and by count.
 */
export async function runWorkers(options: WorkersOptions): Promise<WorkersRun> {
  const samples = new Map<string, number[]>();
  const record = (name: string, ms: number) => {
    let list = samples.get(name);
    if (!list) samples.set(name, (list = []));
    list.push(ms);
  };
  let started = 0;
  let completed = 0;
  let failed = 0;
  let firstError: string | null = null;
  const begin = performance.now();
  const deadline = begin + options.seconds * 1000;

  const worker = async (index: number) => {
    for (let iteration = 0; ; iteration++) {
      if (performance.now() >= deadline || started >= options.maxIterations) return;
      started++;
      const steps: Array<[string, number]> = [];
      const timer: StepTimer = {
        async step(name, work) {
          const stepStart = performance.now();
          const result = await work();
          steps.push([name, performance.now() - stepStart]);
          return result;
        },
      };
      const iterationStart = performance.now();
      try {
        await options.iteration(index, iteration, timer);
        completed++;
        for (const [name, ms] of steps) record(name, ms);
        record('total', performance.now() - iterationStart);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  const elapsedSeconds = (performance.now() - begin) / 1000;
  return {
    concurrency: options.concurrency,
    elapsedSeconds,
    completed,
    failed,
    firstError,
    perSecond: completed / elapsedSeconds,
    latency: Object.fromEntries([...samples].map(([name, list]) => [name, percentiles(list)])),
  };
}
