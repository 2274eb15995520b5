// The embedded Jira Cloud site's HTTP server (node:http, bound to 127.0.0.1). For every `/rest/...` request:
// count it under its route template, apply the switched-on faults (latency, 429, 5xx burst), authenticate,
// dispatch to the route, and answer in Jira's JSON shapes (errors as `ErrorCollection`). `/_sandbox/...` are
// the sandbox's own admin endpoints (admin.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdmin } from './admin';
import { authenticate, hasSecret } from './auth';
import { JiraHttpError, errorCollection, type ErrorCollection } from './errors';
import { registerFieldRoutes } from './routes/fields';
import { registerGroupRoutes } from './routes/groups';
import { registerIssueRoutes } from './routes/issues';
import { registerLicenseRoutes } from './routes/license';
import { registerNotifyRoutes } from './routes/notify';
import { registerExpressionRoutes } from './routes/expressions';
import { registerTransitionRoutes } from './routes/transitions';
import { registerPermissionRoutes } from './routes/permissions';
import { registerProjectRoutes } from './routes/projects';
import { registerProjectPropertyRoutes } from './routes/project-properties';
import { registerPropertyRoutes } from './routes/properties';
import { registerSearchRoutes } from './routes/search';
import { registerUserRoutes } from './routes/users';
import { Router, type SiteContext } from './router';
import { pageRedirect, type HostUrlOption } from './ui-pages';

/** Larger bodies are refused: the biggest legitimate one (100 issues x 10 properties x 32 KB) fits. */
const MAX_BODY_BYTES = 40 * 1024 * 1024;

export function buildRouter(): Router {
  const router = new Router();
  registerUserRoutes(router);
  registerProjectRoutes(router);
  registerSearchRoutes(router);
  registerIssueRoutes(router);
  registerPropertyRoutes(router);
  registerProjectPropertyRoutes(router);
  registerPermissionRoutes(router);
  registerNotifyRoutes(router);
  registerTransitionRoutes(router);
  registerExpressionRoutes(router);
  registerFieldRoutes(router);
  registerLicenseRoutes(router);
  registerGroupRoutes(router);
  return router;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  response.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(data.length),
    ...headers,
  });
  response.end(data);
}

function sendError(
  response: ServerResponse,
  status: number,
  body: ErrorCollection,
  headers: Record<string, string> = {},
): void {
  send(response, status, body, headers);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const SERVER_ERROR_MESSAGES: Record<403 | 500 | 502 | 503, string> = {
  403: 'You do not have permission to perform this operation.',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable. Please try again later.',
};

async function handleRest(
  site: SiteContext,
  router: Router,
  secret: string,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? 'GET';
  const match = router.match(method, url.pathname);
  site.counters.increment(
    `${method} ${match.kind === 'none' ? '(unmatched)' : match.kind === 'wrong-method' ? match.template : match.route.template}`,
  );
  const rawBody = await readBody(request);

  if (site.faults.latencyMs > 0) await sleep(site.faults.latencyMs);
  const fault = site.faults.decide(url.pathname);
  if (fault.kind === 'rate-limited') {
    sendError(response, 429, errorCollection(['Rate limit exceeded.']), {
      'Retry-After': String(fault.retryAfterSeconds),
      'X-RateLimit-Limit': String(fault.limit),
      'X-RateLimit-Remaining': '0',
      'RateLimit-Reason': 'jira-burst-based',
    });
    return;
  }
  if (fault.kind === 'server-error') {
    sendError(response, fault.status, errorCollection([SERVER_ERROR_MESSAGES[fault.status]]));
    return;
  }

  if (match.kind === 'none') {
    sendError(
      response,
      404,
      errorCollection([`null for uri: ${site.render.baseUrl}${url.pathname}${url.search}`]),
    );
    return;
  }
  if (match.kind === 'wrong-method') {
    sendError(response, 405, errorCollection([`Method ${method} is not allowed for ${match.template}.`]));
    return;
  }
  const caller = authenticate(request.headers, site.state, secret);
  const result = await match.route.handler({
    site,
    caller,
    params: match.params,
    query: url.searchParams,
    rawBody,
  });
  send(response, result.status, result.body, result.headers);
}

export function createSiteServer(
  site: SiteContext,
  secret: string,
  options: { hostUrl?: HostUrlOption } = {},
): Server {
  const router = buildRouter();
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // A page (`/browse/KEY`, `/jira/...`) the app linked to from the site's base URL: the host serves it.
    const page = pageRedirect(request.method ?? 'GET', url, options.hostUrl);
    if (page !== null) {
      response.writeHead(302, { Location: page, 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    const work = url.pathname.startsWith('/_sandbox/')
      ? readBody(request).then(async (rawBody) => {
          const result = await handleAdmin(
            site,
            request.method ?? 'GET',
            url.pathname,
            rawBody,
            hasSecret(request.headers, secret),
          );
          if (result.text !== undefined) {
            response.writeHead(result.status, {
              'Content-Type': result.contentType ?? 'text/plain',
              'Cache-Control': 'max-age=3600',
            });
            response.end(result.text);
          } else send(response, result.status, result.body);
        })
      : handleRest(site, router, secret, request, response, url);
    work.catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof JiraHttpError) sendError(response, error.status, error.body, error.headers);
      else if (error instanceof BodyTooLarge)
        sendError(response, 413, errorCollection(['The request body is too large.']));
      else {
        console.error('[sandbox site] unexpected error:', error);
        sendError(response, 500, errorCollection(['Internal server error']));
      }
    });
  });
}
