/** Fixed requests under load, with autocannon; latency percentiles computed from every response. */
import autocannon from 'autocannon';

import { percentiles, type Percentiles } from './stats';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Varies each request (path, body or headers), e.g. the next search term or account. */
  vary?: (index: number) => { path?: string; body?: string; headers?: Record<string, string> };
}

export interface LoadRun {
  connections: number;
  elapsedSeconds: number;
  ok: number;
  /** Answers other than 2xx, and connection errors or timeouts. */
  failed: number;
  statuses: Record<string, number>;
  perSecond: number;
  latency: Percentiles;
}

export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const begin = performance.now();
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
        timeout: 30,
        requests: options.vary
          ? [
              {
                setupRequest: (request) => {
                  const varied = options.vary?.(next++) ?? {};
                  return { ...request, ...varied };
                },
              },
            ]
          : undefined,
      },
      (error: unknown, result) => (error ? reject(error as Error) : resolve(result)),
    );
  });
  instance?.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await done;
  const elapsedSeconds = (performance.now() - begin) / 1000;
  const ok = result['2xx'];
  return {
    connections: options.connections,
    elapsedSeconds,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    statuses,
    perSecond: ok / elapsedSeconds,
    latency: percentiles(latencies),
  };
}
