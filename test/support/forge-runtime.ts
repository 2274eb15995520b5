// The one Forge test helper. Installs the same `__forge_runtime__` / `__forge_fetch__` the local Forge host
// uses (sandbox/host/runtime.ts), answered by an in-memory KVS, an in-memory queue and a given Jira site
// (the embedded sandbox site's URL + secret: `asApp()` calls go as the app, `asUser()` as `accountId`).
// Tests then call handlers exactly as Forge does, with `callResolver`.
import { join } from 'node:path';
import { createBackend } from '../../sandbox/host/backend';
import { DeliveryQueue, type Delivery } from '../../sandbox/host/delivery-queue';
import { KvsStore } from '../../sandbox/host/kvs-store';
import { loadManifest, type AppManifest } from '../../sandbox/host/manifest';
import { embeddedSiteGateway, type ProductGateway } from '../../sandbox/host/product';
import { SANDBOX_APP, newInvocationId, setFallbackInvocation } from '../../sandbox/host/runtime';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface ForgeTestRuntime {
  kvs: KvsStore;
  manifest: AppManifest;
  /** Queue events pushed by the code under test (they are recorded, not delivered). */
  pushed: Delivery[];
  /** Every request the code under test sent through `__forge_fetch__`, in order. */
  requests: Array<{ type: string; provider: string | undefined; method: string; path: string }>;
  restore(): void;
}

export interface ForgeTestRuntimeOptions {
  /** The Jira site product calls go to. */
  site: { url: string; secret: string } | ProductGateway;
  /** The user the invocation runs for (`asUser()`, `req.context.accountId`). */
  accountId?: string;
  moduleKey?: string;
}

export function installForgeTestRuntime(options: ForgeTestRuntimeOptions): ForgeTestRuntime {
  const manifest = loadManifest(join(REPO_ROOT, 'manifest.yml'));
  const kvs = new KvsStore(null);
  const pushed: Delivery[] = [];
  const queue = new DeliveryQueue(null, async (d) => {
    pushed.push(d);
    return Promise.resolve();
  });
  const product = 'request' in options.site ? options.site : embeddedSiteGateway(options.site);
  const backend = createBackend({ manifest, kvs, product, queue });
  const requests: ForgeTestRuntime['requests'] = [];
  setFallbackInvocation({
    backend: {
      fetch(descriptor, path, init, invocation) {
        requests.push({
          type: descriptor.type,
          provider: descriptor.provider,
          method: init?.method ?? 'GET',
          path,
        });
        return backend.fetch(descriptor, path, init, invocation);
      },
    },
    app: SANDBOX_APP,
    invocationId: newInvocationId(),
    functionKey: 'test',
    moduleKey: options.moduleKey ?? 'test-module',
    moduleType: 'test',
    accountId: options.accountId,
    deadline: Date.now() + 25_000,
  });
  queue.start();
  return {
    kvs,
    manifest,
    pushed,
    requests,
    restore() {
      queue.close();
      setFallbackInvocation(undefined);
    },
  };
}

type ResolverHandler = (
  invocation: {
    call: { functionKey: string; payload?: unknown; jobId?: string };
    context: Record<string, unknown>;
  },
  runtimePayload?: Record<string, unknown>,
) => Promise<unknown>;

/** Calls a resolver handler the way Forge does: `{ call, context }` plus the backend runtime payload. */
export function callResolver(
  handler: ResolverHandler,
  request: { functionKey: string; payload?: unknown; context: Record<string, unknown>; accountId?: string },
): Promise<unknown> {
  return handler(
    {
      call: { functionKey: request.functionKey, payload: request.payload, jobId: undefined },
      context: { ...request.context, accountId: request.accountId },
    },
    {
      principal: request.accountId ? { accountId: request.accountId } : undefined,
      installContext: `ari:cloud:jira::site/${SANDBOX_APP.cloudId}`,
    },
  );
}

/** Forge-shaped `req.context.extension` of an issue panel. */
export function issuePanelExtension(
  issue: { id: string; key: string; type?: string; typeId?: string },
  project: { id: string; key: string },
) {
  return {
    type: 'jira:issuePanel',
    issue: { id: issue.id, key: issue.key, type: issue.type ?? 'Story', typeId: issue.typeId ?? '' },
    project: { id: project.id, key: project.key, type: 'software' },
    isNewToIssue: false,
  };
}

export function projectPageExtension(project: { id: string; key: string }) {
  return { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } };
}
