// A real HTTP server on 127.0.0.1 (random port) that answers scripted responses per method + path and records
// every request, so clients are tested through their real transport instead of mocked functions.
//
//   const stub = await startHttpStub();
//   stub.on('GET', '/rest/api/3/myself', { status: 200, body: { accountId: 'a' } });
//   stub.on('POST', '/rest/api/3/search/jql', page1, page2);          // answered in order; the last repeats
//   stub.on('GET', '/x', (req) => ({ status: 200, body: { echo: req.query.get('q') } }));
//   ... stub.url ... stub.requests ...
//   await stub.close();
//
// Paths are matched exactly, without the query string. An unscripted request gets a 404 with a Jira-style
// `errorMessages` body naming it, and is recorded like any other.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  /** Path without the query string, as sent (still percent-encoded). */
  path: string;
  query: URLSearchParams;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  bodyText: string;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  body: unknown;
}

export interface StubReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON (with `Content-Type: application/json`) unless `rawBody` is given. */
  body?: unknown;
  /** Sent as is, for malformed or non-JSON bodies. */
  rawBody?: string;
  /** Never answer (until the stub closes): for client timeouts. */
  hang?: boolean;
}

export type StubResponder = StubReply | ((request: StubRequest) => StubReply | Promise<StubReply>);

export interface HttpStub {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: StubRequest[];
  /** Scripts the answers for `method path`, replacing earlier ones; each answers once, the last forever. */
  on(method: string, path: string, ...responders: StubResponder[]): void;
  /** Requests received for `method path`. */
  requestsTo(method: string, path: string): StubRequest[];
  /** Forgets scripts and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export async function startHttpStub(): Promise<HttpStub> {
  const scripts = new Map<string, StubResponder[]>();
  const requests: StubRequest[] = [];
  const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void answer(req, Buffer.concat(chunks).toString('utf8'), res);
    });
  });

  async function answer(
    req: http.IncomingMessage,
    bodyText: string,
    res: http.ServerResponse,
  ): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const request: StubRequest = {
      method: req.method ?? 'GET',
      path: queryAt < 0 ? url : url.slice(0, queryAt),
      query: new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1)),
      url,
      headers: req.headers,
      bodyText,
      body: parseJson(bodyText),
    };
    requests.push(request);

    const queue = scripts.get(keyOf(request.method, request.path));
    const responder = queue === undefined ? undefined : queue.length > 1 ? queue.shift() : queue[0];
    let reply: StubReply;
    try {
      reply =
        responder === undefined
          ? {
              status: 404,
              body: { errorMessages: [`No stub for ${request.method} ${request.path}`], errors: {} },
            }
          : typeof responder === 'function'
            ? await responder(request)
            : responder;
    } catch (error) {
      reply = { status: 500, rawBody: `stub responder failed: ${String(error)}` };
    }
    if (reply.hang) return;
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (reply.rawBody !== undefined) payload = reply.rawBody;
    else if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      headers['content-type'] ??= 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on(method, path, ...responders) {
      if (responders.length === 0) throw new Error('on() needs at least one responder');
      scripts.set(keyOf(method, path), [...responders]);
    },
    requestsTo(method, path) {
      return requests.filter((r) => r.method === method.toUpperCase() && r.path === path);
    },
    reset() {
      scripts.clear();
      requests.length = 0;
    },
    close() {
      // Hanging requests keep their sockets open: drop them so close() returns.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
