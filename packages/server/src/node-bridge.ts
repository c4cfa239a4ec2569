import { type IncomingMessage, type ServerResponse } from 'node:http';

/** The REST contract's bodies are small forms and JSON documents. */
export const MAX_BODY_BYTES = 1_048_576;

export class RequestBodyTooLarge extends Error {
  override name = 'RequestBodyTooLarge';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) throw new RequestBodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestBodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The WHATWG `Request` the API's fetch handlers take, built straight from Node's message: its
 * headers as received, its body read in full (bounded), its URL on the app's own origin.
 */
export async function toWebRequest(req: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  return new Request(url, { method, headers, body: body && new Uint8Array(body) });
}

/** Writes a fetch `Response` to Node's response, `Set-Cookie` headers kept apart. */
export async function sendWebResponse(
  res: ServerResponse,
  response: Response,
  method: string | undefined,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const body = method === 'HEAD' ? null : Buffer.from(await response.arrayBuffer());
  if (body) headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}
