// The backend seams of Forge's SDKs, stood in for locally. Read from the installed packages (pinned):
// - @forge/api 8.3.0 reads `global.__forge_runtime__` (out/api/runtime.js: appContext, lambdaContext,
//   metrics, proxy, tracing, ...) and sends every product, KVS and queue request through
//   `global.__forge_fetch__(descriptor, path, init)`, which must resolve to a fetch `Response`.
// - @forge/kvs 1.6.5 calls it with `{ type: 'kvs', provider: 'app', remote: 'kvs' }` (no `runtime.kvs`).
// - @forge/events 3.0.8 `Queue.push` calls it with `{ type: 'fpp', provider: 'app', remote: 'stargate' }`.
// Forge runs one invocation per process; the host runs many at once (several users, triggers, queue
// events), so both globals are installed once and read the *current invocation* from AsyncLocalStorage.
// Outside any invocation they fall back to a default one (what the shared test helper sets).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What @forge/api passes as the first argument of `__forge_fetch__`. */
export interface FetchDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

export interface InvocationBackend {
  /** Answers one SDK request made during `invocation`. */
  fetch(
    descriptor: FetchDescriptor,
    path: string,
    init: RequestInit | undefined,
    invocation: Invocation,
  ): Promise<Response>;
}

export interface AppIdentity {
  appId: string;
  environmentId: string;
  environmentType: string;
  appVersion: string;
  installationId: string;
  cloudId: string;
}

export interface Invocation {
  backend: InvocationBackend;
  app: AppIdentity;
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  /** The user the invocation runs for; absent for scheduled triggers, queue events without one, etc. */
  accountId?: string;
  /** Epoch ms after which Forge would have killed the invocation. */
  deadline: number;
  /** What the host noticed while answering the invocation's SDK calls (read by the caller afterwards). */
  signals?: InvocationSignals;
}

export interface InvocationSignals {
  /** An `asUser()` call was refused because the user has not granted the app access yet. */
  needsAuthentication?: boolean;
}

type ForgeFetch = (descriptor: FetchDescriptor, path: string, init?: RequestInit) => Promise<Response>;
interface ForgeGlobals {
  __forge_runtime__?: unknown;
  __forge_fetch__?: ForgeFetch;
}

const storage = new AsyncLocalStorage<Invocation>();
let fallback: Invocation | undefined;
let installed = false;

export const SANDBOX_APP: AppIdentity = {
  appId: '00000000-0000-0000-0000-000000000000',
  environmentId: 'sandbox-environment',
  environmentType: 'DEVELOPMENT',
  appVersion: '1.0.0',
  installationId: 'sandbox-installation',
  cloudId: 'sandbox-cloud',
};

export function currentInvocation(): Invocation | undefined {
  return storage.getStore() ?? fallback;
}

function noopMetric() {
  return { incr() {}, incrBy() {}, decr() {}, decrBy() {}, set() {}, measure: () => ({ stop() {} }) };
}

/** The object @forge/api reads as `global.__forge_runtime__`; every field reflects the current invocation. */
function runtimeView(): Record<string, unknown> {
  const inv = () => currentInvocation();
  const app = () => inv()?.app ?? SANDBOX_APP;
  return {
    get proxy() {
      return { token: 'sandbox', url: 'http://127.0.0.1/forge-proxy' };
    },
    get contextAri() {
      return `ari:cloud:jira::site/${app().cloudId}`;
    },
    get container() {
      return { runtime: 'sandbox', appCodeDir: process.cwd() };
    },
    get appContext() {
      const i = inv();
      const a = app();
      return {
        appId: a.appId,
        appVersion: a.appVersion,
        environmentId: a.environmentId,
        environmentType: a.environmentType,
        invocationId: i?.invocationId ?? 'no-invocation',
        installationId: a.installationId,
        functionKey: i?.functionKey ?? '',
        moduleType: i?.moduleType ?? '',
        moduleKey: i?.moduleKey ?? '',
        license: { isActive: true },
        installation: undefined,
        permissions: undefined,
      };
    },
    get aaid() {
      return inv()?.accountId;
    },
    get lambdaContext() {
      const i = inv();
      return {
        awsRequestId: i?.invocationId ?? 'no-invocation',
        getRemainingTimeInMillis: () => Math.max(0, (i?.deadline ?? Date.now() + 25_000) - Date.now()),
      };
    },
    get tracing() {
      return { traceId: inv()?.invocationId ?? 'no-invocation', spanId: 'sandbox' };
    },
    realtime: {},
    metrics: { counter: noopMetric, timing: noopMetric, gauge: noopMetric },
    featureFlags: () => false,
    // Deliberately no `kvs` entry: @forge/kvs then sends `{ type: 'kvs', provider: 'app' }` descriptors.
  };
}

async function forgeFetch(descriptor: FetchDescriptor, path: string, init?: RequestInit): Promise<Response> {
  const invocation = currentInvocation();
  if (!invocation) {
    throw new Error(
      `A Forge SDK call (${descriptor.type} ${path}) was made outside any invocation: the local Forge host only serves calls made while it runs a function.`,
    );
  }
  return invocation.backend.fetch(descriptor, path, init, invocation);
}

/** Installs both globals once per process (idempotent). */
export function installForgeRuntime(): void {
  if (installed) return;
  const globals = globalThis as unknown as ForgeGlobals;
  globals.__forge_runtime__ = runtimeView();
  globals.__forge_fetch__ = forgeFetch;
  installed = true;
}

export function newInvocationId(): string {
  return randomUUID();
}

/** Runs `fn` as one invocation: every SDK call it makes, however deep, is answered by `invocation.backend`. */
export function runInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  installForgeRuntime();
  return storage.run(invocation, fn);
}

/** Sets (or clears) the invocation SDK calls outside `runInvocation` are attributed to: for tests. */
export function setFallbackInvocation(invocation: Invocation | undefined): void {
  installForgeRuntime();
  fallback = invocation;
}
