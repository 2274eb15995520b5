// The seams the local Forge host stands in for are internal to Forge's SDKs (see forge-facts.md §9). Each
// test here pins one seam as the installed packages use it, so a version bump that moves one fails here
// first, with the seam named, instead of as a blank panel in the sandbox.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from '@jest/globals';
import { NeedsAuthenticationError, asApp, asUser, getAppContext, route } from '@forge/api';
import { Queue } from '@forge/events';
import { kvs, WhereConditions } from '@forge/kvs';
import Resolver from '@forge/resolver';
import type * as ForgeBridge from '@forge/bridge';
import { createBackend } from '../../../sandbox/host/backend';
import { DeliveryQueue } from '../../../sandbox/host/delivery-queue';
import { KvsStore } from '../../../sandbox/host/kvs-store';
import { parseManifest } from '../../../sandbox/host/manifest';
import type { ProductGateway } from '../../../sandbox/host/product';
import {
  SANDBOX_APP,
  installForgeRuntime,
  setFallbackInvocation,
  type FetchDescriptor,
  type InvocationBackend,
} from '../../../sandbox/host/runtime';

interface Seen {
  descriptor: FetchDescriptor;
  path: string;
  method: string;
  body: unknown;
}

function recordingBackend(answer: (seen: Seen) => Response | Promise<Response>): {
  backend: InvocationBackend;
  seen: Seen[];
} {
  const seen: Seen[] = [];
  return {
    seen,
    backend: {
      async fetch(descriptor, path, init) {
        const entry: Seen = {
          descriptor,
          path,
          method: init?.method ?? 'GET',
          body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        };
        seen.push(entry);
        return answer(entry);
      },
    },
  };
}

function useBackend(backend: InvocationBackend, accountId?: string): void {
  setFallbackInvocation({
    backend,
    app: SANDBOX_APP,
    invocationId: 'seam-test',
    functionKey: 'seam-fn',
    moduleKey: 'seam-module',
    moduleType: 'test',
    accountId,
    deadline: Date.now() + 25_000,
  });
}

afterEach(() => setFallbackInvocation(undefined));

describe('@forge/api seam: global.__forge_runtime__ and global.__forge_fetch__', () => {
  it('needs __forge_runtime__, and reads the app context from it', () => {
    const globals = globalThis as { __forge_runtime__?: unknown };
    installForgeRuntime();
    const saved = globals.__forge_runtime__;
    globals.__forge_runtime__ = undefined;
    try {
      expect(() => getAppContext()).toThrow('Forge runtime not found.');
    } finally {
      globals.__forge_runtime__ = saved;
    }
    useBackend(recordingBackend(() => new Response('{}')).backend);
    const context = getAppContext();
    expect(context.appAri.toString()).toContain(SANDBOX_APP.appId);
    expect(context.moduleKey).toBe('seam-module');
    expect(context.invocationRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('sends asApp().requestJira as { type: fpp, provider: app, remote: jira } with the interpolated path', async () => {
    const { backend, seen } = recordingBackend(
      () => new Response(JSON.stringify({ key: 'DEMO-1' }), { status: 200 }),
    );
    useBackend(backend);
    const key = 'DEMO-1';
    const response = await asApp().requestJira(route`/rest/api/3/issue/${key}?fields=summary`, {
      method: 'GET',
    });
    expect(await response.json()).toEqual({ key: 'DEMO-1' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.descriptor).toMatchObject({ type: 'fpp', provider: 'app', remote: 'jira' });
    expect(seen[0]?.path).toBe('/rest/api/3/issue/DEMO-1?fields=summary');
  });

  it('sends asUser().requestJira with provider user and no account id (the platform knows the user)', async () => {
    const { backend, seen } = recordingBackend(() => new Response('{}'));
    useBackend(backend, 'user-1');
    await asUser().requestJira(route`/rest/api/3/myself`);
    expect(seen[0]?.descriptor).toMatchObject({ type: 'fpp', provider: 'user', remote: 'jira' });
    expect(seen[0]?.descriptor.accountId).toBeUndefined();
  });

  it('turns the forge-proxy-error header the host uses for a missing user into NeedsAuthenticationError', async () => {
    const manifest = parseManifest('app: { id: x }\nmodules: {}\n');
    const product: ProductGateway = {
      mode: 'embedded',
      siteUrl: 'http://127.0.0.1:9',
      request: () => Promise.reject(new Error('unused')),
    };
    const queue = new DeliveryQueue(null, () => Promise.resolve());
    useBackend(createBackend({ manifest, kvs: new KvsStore(null), product, queue }));
    await expect(asUser().requestJira(route`/rest/api/3/myself`)).rejects.toBeInstanceOf(
      NeedsAuthenticationError,
    );
  });
});

describe('@forge/kvs seam: { type: kvs } requests to /api/v1/*', () => {
  it('posts JSON to /api/v1/get and reads a 404 KEY_NOT_FOUND body as a missing key', async () => {
    const { backend, seen } = recordingBackend(() =>
      Response.json({ code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' }, { status: 404 }),
    );
    useBackend(backend);
    await expect(kvs.get('policy:10000')).resolves.toBeUndefined();
    expect(seen[0]?.descriptor).toMatchObject({ type: 'kvs', provider: 'app', remote: 'kvs' });
    expect(seen[0]).toMatchObject({ path: '/api/v1/get', method: 'POST', body: { key: 'policy:10000' } });
  });

  it('posts sets, queries and transactions in the shapes the local KVS answers', async () => {
    const store = new KvsStore(null);
    const { backend, seen } = recordingBackend(async (s) => {
      const { handleKvsRequest } = await import('../../../sandbox/host/kvs-api');
      return handleKvsRequest(store, s.path, { method: s.method, body: JSON.stringify(s.body) }, new Map());
    });
    useBackend(backend);
    await kvs.set('a:1', { n: 1 });
    await kvs.transact().set('a:2', { n: 2 }).delete('a:1').execute();
    const page = await kvs.query().where('key', WhereConditions.beginsWith('a:')).limit(10).getMany();
    expect(seen.map((s) => s.path)).toEqual(['/api/v1/set', '/api/v1/transaction', '/api/v1/query']);
    expect(seen[0]?.body).toEqual({ key: 'a:1', value: { n: 1 } });
    expect(seen[1]?.body).toEqual({ set: [{ key: 'a:2', value: { n: 2 } }], delete: [{ key: 'a:1' }] });
    expect(seen[2]?.body).toEqual({
      limit: 10,
      where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['a:'] }],
    });
    expect(page.results).toEqual([
      {
        key: 'a:2',
        value: { n: 2 },
        createdAt: expect.any(Number) as unknown,
        updatedAt: expect.any(Number) as unknown,
      },
    ]);
  });
});

describe('@forge/events seam: Queue.push through app requests to /webhook/queue/publish', () => {
  it('posts the push request through { type: fpp, provider: app, remote: stargate } and accepts a 201', async () => {
    const { backend, seen } = recordingBackend(() => new Response('{}', { status: 201 }));
    useBackend(backend);
    const { jobId } = await new Queue({ key: 'gap-notices' }).push([
      { body: { projectKey: 'DEMO' }, delayInSeconds: 2 },
    ]);
    expect(seen[0]?.descriptor).toMatchObject({ type: 'fpp', provider: 'app', remote: 'stargate' });
    expect(seen[0]?.path).toBe('/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}');
    expect(seen[0]?.body).toMatchObject({
      queueName: 'gap-notices',
      jobId,
      payload: [{ body: { projectKey: 'DEMO' }, delayInSeconds: 2 }],
    });
  });
});

describe('@forge/resolver seam: getDefinitions() handler arguments', () => {
  it('merges the runtime principal into req.context and JSON round-trips the result', async () => {
    let received: unknown;
    const resolver = new Resolver().define('probe', (req) => {
      received = req;
      return { when: new Date(0), skip: undefined };
    });
    const handler = resolver.getDefinitions();
    const result = await handler(
      {
        call: { functionKey: 'probe', payload: { a: 1 }, jobId: 'j' },
        context: { extension: { type: 'x' } },
      },
      { principal: { accountId: 'acc-1' }, installContext: 'ari:site' },
    );
    expect(received).toMatchObject({
      payload: { a: 1 },
      context: { extension: { type: 'x' }, accountId: 'acc-1', installContext: 'ari:site', jobId: 'j' },
    });
    expect(result).toEqual({ when: '1970-01-01T00:00:00.000Z' });
  });
});

describe('@forge/bridge seam: globalThis.__bridge.callBridge(type, payload)', () => {
  const require = createRequire(import.meta.url);

  function freshBridge(): typeof ForgeBridge {
    const root = require.resolve('@forge/bridge').replace(/out\/index\.js$/, '');
    for (const id of Object.keys(require.cache)) if (id.startsWith(root)) delete require.cache[id];
    return require('@forge/bridge') as typeof ForgeBridge;
  }

  afterEach(() => {
    delete (globalThis as { __bridge?: unknown }).__bridge;
  });

  it('cannot load without __bridge', () => {
    expect(() => freshBridge()).toThrow('Unable to establish a connection with the Custom UI bridge');
  });

  // requestJira ('fetchProduct') builds a relative `Request`, which only a browser can: the browser test covers it.
  it('sends every call the shim handles through callBridge with these types and payloads', async () => {
    const calls: Array<[string, unknown]> = [];
    (globalThis as { __bridge?: unknown }).__bridge = {
      callBridge: (type: string, payload?: unknown) => {
        calls.push([type, payload]);
        return Promise.resolve({});
      },
    };
    const bridge = freshBridge();
    await bridge.invoke('issue/get-panel', { a: 1 });
    await bridge.view.getContext();
    await bridge.view.theme.enable();
    await bridge.router.navigate('/browse/DEMO-1');
    await bridge.router.open('https://example.invalid/');
    await bridge.router.reload();
    bridge.showFlag({ id: 'f1', title: 'Saved' });
    expect(calls).toEqual([
      ['invoke', { functionKey: 'issue/get-panel', payload: { a: 1 }, metadata: undefined }],
      ['getContext', undefined],
      ['enableTheming', undefined],
      ['navigate', { url: '/browse/DEMO-1', type: 'same-tab' }],
      ['navigate', { url: 'https://example.invalid/', type: 'new-tab' }],
      ['reload', undefined],
      ['showFlag', { id: 'f1', title: 'Saved', type: 'info' }],
    ]);
  });
});
