import http from 'node:http';

/**
 * Keeps connections open between requests, as a real client does; enough sockets for the
 * highest concurrency the bench runs.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * One request with `node:http` on kept-alive connections. The flow's load generator shares the
 * machine's cores with what it measures: `fetch` cost it several times the CPU per request
 * (WHATWG streams and headers), which the figures then lost.
 */
export function request(
  url: string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const sent = http.request(
      url,
      { agent, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}
