// Answers what the app's functions send through `global.__forge_fetch__`, by the descriptor @forge/api and
// @forge/kvs put first (read from the installed packages):
//   { type: 'kvs', ... }                                   -> the local KVS
//   { type: 'fpp', provider: 'app'|'none', remote: 'jira' } -> Jira as the app
//   { type: 'fpp', provider: 'user', remote: 'jira' }      -> Jira as the invoking user
//   { type: 'fpp', provider: 'app', remote: 'stargate' }   -> /webhook/queue/* : the local queue
// Anything else gets the `forge-proxy-error` header Forge's proxy uses, which @forge/api turns into a
// ProxyRequestError naming the reason.
import { z } from 'zod';
import type { DeliveryQueue } from './delivery-queue';
import { handleKvsRequest } from './kvs-api';
import type { KvsStore } from './kvs-store';
import type { AppManifest } from './manifest';
import type { ProductGateway } from './product';
import type { FetchDescriptor, Invocation, InvocationBackend } from './runtime';

const pushRequest = z.object({
  queueName: z.string(),
  jobId: z.string(),
  payload: z.array(
    z
      .object({
        body: z.record(z.string(), z.unknown()),
        delayInSeconds: z.number().optional(),
        concurrency: z.object({ key: z.string().min(1), limit: z.number().int().min(1) }).optional(),
      })
      .loose(),
  ),
});
const jobRequest = z.object({ queueName: z.string(), jobId: z.string() });

function proxyError(reason: string, status = 403): Response {
  return new Response(null, { status, headers: { 'forge-proxy-error': reason } });
}

/**
 * What Forge's proxy answers for a user who has not granted access: 401 with the `forge-proxy-error` header
 * `NEEDS_AUTHENTICATION_ERR`, which @forge/api 8.3.0 (out/api/fetch.js `handleProxyResponseErrors`) turns into
 * `new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key')`: name
 * `NEEDS_AUTHENTICATION_ERR`, status 401. The body is the same JSON error the SDK would name.
 */
export function needsAuthentication(): Response {
  return new Response(
    JSON.stringify({ code: 'NEEDS_AUTHENTICATION_ERR', message: 'Authentication Required' }),
    {
      status: 401,
      headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR', 'content-type': 'application/json' },
    },
  );
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function bodyOf(init: RequestInit | undefined): Promise<unknown> {
  if (init?.body === undefined || init.body === null) return undefined;
  return JSON.parse(
    typeof init.body === 'string' ? init.body : await new Response(init.body).text(),
  ) as unknown;
}

export interface BackendParts {
  /** Whether a user has granted the app access to act as them (`asUser()`); absent: everyone has. */
  hasConsent?: (accountId: string) => boolean;
  /**
   * Offline user impersonation — `asUser(accountId)` for someone other than the invocation's user (a scheduled
   * trigger or a queue consumer acting as a recipient): allowed only when a scope in manifest.yml says
   * `allowImpersonation: true` and the site's admin granted it. Absent: refused.
   */
  impersonation?: () => boolean;
  manifest: AppManifest;
  kvs: KvsStore;
  product: ProductGateway;
  queue: DeliveryQueue;
}

async function queueRequest(
  parts: BackendParts,
  path: string,
  init: RequestInit | undefined,
): Promise<Response> {
  const body = await bodyOf(init);
  if (path.startsWith('/webhook/queue/publish/')) {
    const push = pushRequest.safeParse(body);
    if (!push.success) return json(400, { message: `Invalid queue push: ${push.error.message}` });
    const consumer = parts.manifest.consumers.find((c) => c.queue === push.data.queueName);
    if (!consumer) {
      return json(400, { message: `No consumer in manifest.yml listens to queue ${push.data.queueName}` });
    }
    await parts.queue.enqueue(
      push.data.payload.map((event) => ({
        kind: 'queue' as const,
        target: consumer.key,
        topic: push.data.queueName,
        jobId: push.data.jobId,
        delayInSeconds: event.delayInSeconds,
        payload: event.body,
        ...(event.concurrency ? { concurrency: event.concurrency } : {}),
      })),
    );
    return json(201, {});
  }
  const job = jobRequest.safeParse(body);
  if (!job.success) return json(400, { message: `Invalid queue request: ${job.error.message}` });
  if (path.startsWith('/webhook/queue/stats/')) {
    const stats = parts.queue.stats(job.data.jobId);
    return stats ? json(200, stats) : json(404, { message: 'No such job' });
  }
  if (path.startsWith('/webhook/queue/cancel/')) {
    return (await parts.queue.cancel(job.data.jobId))
      ? new Response(null, { status: 204 })
      : json(404, { message: 'No such job' });
  }
  return proxyError('UNSUPPORTED_IN_SANDBOX', 404);
}

const reportAccountsRequest = z.object({
  accounts: z.array(z.object({ accountId: z.string().min(1), updatedAt: z.string() })).max(90),
});

/**
 * Atlassian's personal data reporting API (`privacy.reportPersonalData`, `POST /app/report-accounts`): the app
 * names the accounts it stores (at most 90 a call, as the SDK sends them) and hears back which were closed. Here an
 * account the site does not know counts as closed; a deactivated one is not (Atlassian closes, Jira deactivates).
 * 204 when nothing changed, as the platform answers.
 */
async function reportAccounts(parts: BackendParts, init: RequestInit | undefined): Promise<Response> {
  const request = reportAccountsRequest.safeParse(await bodyOf(init));
  if (!request.success) return json(400, { message: `Invalid report: ${request.error.message}` });
  const closed: Array<{ accountId: string; status: 'closed' }> = [];
  for (const { accountId } of request.data.accounts) {
    const answer = await parts.product.request(
      { kind: 'app' },
      `/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      { method: 'GET' },
    );
    if (answer.status === 404) closed.push({ accountId, status: 'closed' });
    else if (!answer.ok)
      return json(503, { message: `Could not look up ${accountId} (HTTP ${answer.status})` });
  }
  return closed.length === 0 ? new Response(null, { status: 204 }) : json(200, { accounts: closed });
}

export function createBackend(parts: BackendParts): InvocationBackend {
  return {
    async fetch(
      descriptor: FetchDescriptor,
      path: string,
      init: RequestInit | undefined,
      invocation: Invocation,
    ) {
      if (descriptor.type === 'kvs') return handleKvsRequest(parts.kvs, path, init, parts.manifest.entities);
      if (descriptor.type !== 'fpp') return proxyError('UNSUPPORTED_IN_SANDBOX');
      if (descriptor.remote === 'jira') {
        if (descriptor.provider === 'user') {
          const accountId = descriptor.accountId ?? invocation.accountId;
          // Forge has no user to act as here (a scheduled trigger, say): the SDK raises NeedsAuthenticationError.
          if (!accountId) return needsAuthentication();
          if (descriptor.accountId !== undefined && descriptor.accountId !== invocation.accountId) {
            // Offline impersonation: the admin's grant for the app stands in for the person's own consent.
            if (!parts.impersonation?.()) return needsAuthentication();
            return parts.product.request({ kind: 'user', accountId }, path, init);
          }
          // Forge's proxy refuses a user's requests until that user has allowed the app access ("Allow
          // access" in Jira); the SDK turns this answer into a NeedsAuthenticationError.
          if (parts.hasConsent && !parts.hasConsent(accountId)) {
            if (invocation.signals) invocation.signals.needsAuthentication = true;
            return needsAuthentication();
          }
          return parts.product.request({ kind: 'user', accountId }, path, init);
        }
        return parts.product.request({ kind: 'app' }, path, init);
      }
      if (
        descriptor.remote === 'stargate' &&
        descriptor.provider === 'app' &&
        path.startsWith('/webhook/queue/')
      ) {
        return queueRequest(parts, path, init);
      }
      if (
        descriptor.remote === 'stargate' &&
        descriptor.provider === 'app' &&
        path === '/app/report-accounts'
      ) {
        return reportAccounts(parts, init);
      }
      return proxyError('UNSUPPORTED_IN_SANDBOX');
    },
  };
}
