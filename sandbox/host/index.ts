// The local Forge host: runs the app as Forge would, on this machine. It reads manifest.yml, serves the
// built Custom UI in a Jira-like shell with the real @forge/bridge talking to a local bridge, runs the real
// handlers from src/ (resolvers, product-event triggers, queue consumers, scheduled triggers) with the SDK
// seams answered locally (Jira: the embedded site or a real one; KVS and queue: files in the data dir).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { createBackend } from './backend';
import { DeliveryQueue, type Delivery, type DeliveryQueueOptions } from './delivery-queue';
import { FrameRegistry } from './frames';
import { FunctionHost, sourceLoader, type ModuleLoader } from './functions';
import { KvsStore } from './kvs-store';
import { loadManifest, type AppManifest } from './manifest';
import { embeddedSiteGateway, realSiteGateway, type ProductGateway, type RealSiteConfig } from './product';
import { forgeEventOf, triggersFor, type SiteIssueEvent } from './product-events';
import { SANDBOX_APP } from './runtime';
import { createRequestHandler } from './server';
import { buildShellAssets } from './shell/assets';
import { ShellJira, type ShellUser } from './shell/jira-view';
import { ViewerState } from './viewer-state';
import { Scheduler, type SchedulerOptions } from './scheduler';
import { AppFaults, embeddedFaultControls, faultyGateway } from './faults';
import { generateLargeProject, type SiteSnapshot } from '../site';

export { realSiteGateway, embeddedSiteGateway, isReadOnlyCall } from './product';
export type { RealSiteConfig, ProductGateway } from './product';

/** The parts of the embedded site (sandbox/site) the host uses. */
export interface EmbeddedSite {
  url: string;
  secret: string;
  state: {
    onIssueEvent(listener: (event: SiteIssueEvent) => void): () => void;
    /** Replaces the site's data (the Sandbox menu's "large project"); then `markChanged` persists it. */
    load(snapshot: SiteSnapshot): void;
    markChanged(): void;
  };
}

export interface HostOptions {
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Where the KVS and queue files live; null keeps everything in memory. */
  dataDir: string | null;
  /** The embedded site, or a real Jira Cloud site; default: a real site from JIRA_SITE/JIRA_EMAIL/JIRA_API_TOKEN. */
  site?: EmbeddedSite | { real: RealSiteConfig };
  /** Served for every Custom UI resource instead of the manifest's path (tests use a throwaway page). */
  staticDir?: string;
  /** The repository root: manifest.yml and src/. */
  rootDir?: string;
  loadModule?: ModuleLoader;
  /** Forge's content security policy on Custom UI documents (default on). */
  csp?: boolean;
  /** Scheduled triggers run on their own, spread across their interval, sometimes twice; false: on demand only. */
  scheduler?: SchedulerOptions | false;
  /** The queue's retry backoff, retention and parallelism (tests shorten the backoff). */
  queue?: Omit<DeliveryQueueOptions, 'onError'>;
  log?: (line: string) => void;
}

export interface RunningHost {
  url: string;
  manifest: AppManifest;
  kvs: KvsStore;
  queue: DeliveryQueue;
  functions: FunctionHost;
  /** Per-user and per-issue view state Jira keeps: expanded issue contexts, added panels, asUser() consent. */
  viewer: ViewerState;
  /** Runs a manifest scheduled trigger now (also `POST /_host/scheduled/<key>`). */
  runScheduled(key: string): Promise<unknown>;
  /** The scheduled triggers' next runs (empty with `scheduler: false`). */
  scheduler: Scheduler | null;
  /** Forgets the app's stored data and queued work (the sandbox's `--reset`). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** Forge's default limit for async functions (queue consumers, scheduled triggers, product events). */
const ASYNC_TIMEOUT_S = 55;

/** Real-site settings from the environment, or null when they are not all set. */
export function realSiteFromEnv(env: NodeJS.ProcessEnv = process.env): { real: RealSiteConfig } | null {
  const { JIRA_SITE, JIRA_EMAIL, JIRA_API_TOKEN } = env;
  if (!JIRA_SITE || !JIRA_EMAIL || !JIRA_API_TOKEN) return null;
  const siteUrl = /^https?:\/\//.test(JIRA_SITE) ? JIRA_SITE : `https://${JIRA_SITE}`;
  return {
    real: {
      siteUrl,
      email: JIRA_EMAIL,
      apiToken: JIRA_API_TOKEN,
      allowWrites: env.ROLE_SPLIT_ALLOW_WRITES === '1',
    },
  };
}

const sandboxUsers = z.union([
  z.array(z.unknown()),
  z.object({ users: z.array(z.unknown()) }).transform((o) => o.users),
  z.object({ values: z.array(z.unknown()) }).transform((o) => o.values),
]);
const sandboxUser = z
  .object({
    accountId: z.string(),
    displayName: z.string(),
    active: z.boolean().default(true),
    accountType: z.string().optional(),
    email: z.string().nullish(),
    emailAddress: z.string().nullish(),
    projectRoles: z.record(z.string(), z.array(z.string())).optional(),
  })
  .loose();

/** The embedded site's people (`GET /_sandbox/users`), and the project keys their roles mention. */
async function embeddedDirectory(site: EmbeddedSite): Promise<{ users: ShellUser[]; projectKeys: string[] }> {
  const response = await fetch(`${site.url.replace(/\/+$/, '')}/_sandbox/users`, {
    headers: { 'x-sandbox-secret': site.secret },
  });
  if (!response.ok) throw new Error(`The embedded site did not list its users (HTTP ${response.status})`);
  const people = sandboxUsers.parse(await response.json()).flatMap((raw) => {
    const user = sandboxUser.safeParse(raw);
    return user.success && user.data.accountType !== 'app' ? [user.data] : [];
  });
  return {
    users: people.map((u) => ({
      accountId: u.accountId,
      displayName: u.displayName,
      active: u.active,
      email: u.email ?? u.emailAddress ?? null,
      roles: [...new Set(Object.values(u.projectRoles ?? {}).flat())].sort(),
    })),
    projectKeys: [...new Set(people.flatMap((u) => Object.keys(u.projectRoles ?? {})))].sort(),
  };
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const rootDir = options.rootDir ?? REPO_ROOT;
  const log = options.log ?? ((line: string) => console.log(`[forge-host] ${line}`));
  const manifest = loadManifest(join(rootDir, 'manifest.yml'));
  const siteOption = options.site ?? realSiteFromEnv();
  if (!siteOption) {
    throw new Error(
      'startHost needs a site: the embedded sandbox site, or JIRA_SITE, JIRA_EMAIL and JIRA_API_TOKEN for a real one',
    );
  }
  const embedded = 'real' in siteOption ? null : siteOption;
  const product: ProductGateway = embedded
    ? embeddedSiteGateway(embedded)
    : realSiteGateway((siteOption as { real: RealSiteConfig }).real);
  const readOnly = embedded ? false : !(siteOption as { real: RealSiteConfig }).real.allowWrites;

  const kvs = new KvsStore(options.dataDir ? join(options.dataDir, 'kvs.json') : null);
  const viewer = new ViewerState(options.dataDir ? join(options.dataDir, 'viewer.json') : null);
  const app = { ...SANDBOX_APP, appId: manifest.appId.split('/').pop() ?? SANDBOX_APP.appId };
  const installContext = `ari:cloud:jira::site/${app.cloudId}`;

  const deliver = async (delivery: Delivery): Promise<unknown> => {
    if (delivery.kind === 'trigger') {
      const trigger = manifest.triggers.find((t) => t.key === delivery.target);
      if (!trigger) throw new Error(`manifest.yml no longer has trigger ${delivery.target}`);
      const timeout = manifest.functions.get(trigger.functionKey)?.timeoutSeconds ?? ASYNC_TIMEOUT_S;
      return functions.call(trigger.functionKey, [delivery.payload, { installContext }], {
        kind: 'trigger',
        moduleKey: trigger.key,
        moduleType: 'trigger',
        detail: delivery.topic,
        timeoutMs: timeout * 1000,
      });
    }
    const consumer = manifest.consumers.find((c) => c.key === delivery.target);
    if (!consumer) throw new Error(`manifest.yml no longer has consumer ${delivery.target}`);
    const timeout = manifest.functions.get(consumer.target.functionKey)?.timeoutSeconds ?? ASYNC_TIMEOUT_S;
    const event = {
      body: delivery.payload,
      queueName: delivery.topic,
      jobId: delivery.jobId,
      eventId: delivery.id,
      ...(delivery.retryContext ? { retryContext: delivery.retryContext } : {}),
    };
    const meta = {
      kind: 'consumer' as const,
      moduleKey: consumer.key,
      moduleType: 'consumer',
      detail: delivery.topic,
      timeoutMs: timeout * 1000,
    };
    if (consumer.target.kind === 'resolver') {
      return functions.call(
        consumer.target.functionKey,
        [
          {
            call: { functionKey: consumer.target.method, payload: delivery.payload, jobId: delivery.jobId },
            context: { ...event, installContext },
          },
          { installContext },
        ],
        meta,
      );
    }
    return functions.call(consumer.target.functionKey, [event, { installContext }], meta);
  };
  const queue = new DeliveryQueue(options.dataDir ? join(options.dataDir, 'queue.json') : null, deliver, {
    ...options.queue,
    onError: (d, message) =>
      log(
        `${d.kind === 'queue' ? 'queue event' : 'product event'} ${d.topic} -> ${d.target} failed: ${message}`,
      ),
  });
  // The app's own Jira requests go through the Sandbox menu's 429 / 5xx bursts; the shell's do not.
  const appFaults = new AppFaults();
  const appProduct = faultyGateway(product, appFaults);
  const faults = embedded
    ? embeddedFaultControls(embedded, appFaults, (issues) => {
        embedded.state.load(generateLargeProject(issues));
        embedded.state.markChanged();
        log(
          `the embedded site now holds a generated project of ${issues} issues (--reset brings the demo back)`,
        );
        return Promise.resolve();
      })
    : null;
  const backend = createBackend({
    manifest,
    kvs,
    product: appProduct,
    queue,
    hasConsent: (accountId) => viewer.hasConsent(accountId),
    impersonation: () => manifest.impersonationScopes.length > 0 && viewer.impersonationGranted(),
  });
  const functions: FunctionHost = new FunctionHost(
    manifest,
    options.loadModule ?? sourceLoader(join(rootDir, 'src')),
    backend,
    app,
  );
  const frames = new FrameRegistry(app);
  const assets = await buildShellAssets();

  let appAccountId: string | null = null;
  let realUsers: Promise<ShellUser[]> | null = null;
  const users = async (): Promise<ShellUser[]> => {
    if (embedded) return (await embeddedDirectory(embedded)).users;
    // A real site acts as the API token's user for everything: that is the one person to be.
    realUsers ??= new ShellJira(product, { kind: 'app' }).myself().then((me) => [me]);
    void realUsers.catch(() => (realUsers = null));
    return realUsers;
  };

  // Every change to an embedded-site issue (fields and entity properties, by anyone) bumps its revision, which
  // the shell's issue view polls to tell the app's frames (JIRA_ISSUE_CHANGED) and refresh context headers.
  const issueChanges = new Map<string, { revision: number; atlassianId: string | null }>();
  let revisions = 0;
  const unwatchIssues = embedded
    ? embedded.state.onIssueEvent((siteEvent) => {
        // Under the id and the key: the issue view knows only the key until it has read the issue.
        const issue = z.object({ id: z.string(), key: z.string() }).loose().safeParse(siteEvent.issue);
        if (!issue.success) return;
        const change = { revision: ++revisions, atlassianId: siteEvent.actorAccountId };
        issueChanges.set(issue.data.id, change);
        issueChanges.set(issue.data.key, change);
      })
    : () => {};
  const unsubscribe = embedded
    ? embedded.state.onIssueEvent((siteEvent) => {
        const event = forgeEventOf(siteEvent);
        if (!event) return;
        const targets = triggersFor(manifest.triggers, event, appAccountId);
        if (targets.length === 0) return;
        targets
          .filter((t) => t.expression)
          .forEach((t) =>
            log(`trigger ${t.key}: its filter expression is not evaluated locally; every event is delivered`),
          );
        void queue
          .enqueue(
            targets.map((t) => ({
              kind: 'trigger' as const,
              target: t.key,
              topic: event.eventType,
              payload: event,
            })),
          )
          .catch((error: unknown) => log(`could not queue ${event.eventType}: ${String(error)}`));
      })
    : () => {};
  if (embedded && manifest.triggers.some((t) => t.ignoreSelf)) {
    appAccountId = await new ShellJira(product, { kind: 'app' })
      .myself()
      .then((me) => me.accountId)
      .catch(() => null);
  }

  const runScheduled = async (key: string): Promise<unknown> => {
    const trigger = manifest.scheduledTriggers.find((s) => s.key === key);
    if (!trigger) throw new Error(`manifest.yml has no scheduled trigger ${key}`);
    const timeout = manifest.functions.get(trigger.functionKey)?.timeoutSeconds ?? ASYNC_TIMEOUT_S;
    return functions.call(
      trigger.functionKey,
      [
        {
          context: { cloudId: app.cloudId, moduleKey: key, userAccess: { enabled: false } },
          contextToken: 'sandbox',
        },
        { installContext },
      ],
      {
        kind: 'scheduled',
        moduleKey: key,
        moduleType: 'scheduledTrigger',
        detail: trigger.interval,
        timeoutMs: timeout * 1000,
      },
    );
  };

  let url = '';
  const server = createServer(
    createRequestHandler({
      manifest,
      product,
      appProduct,
      faults,
      functions,
      frames,
      queue,
      viewer,
      assets,
      csp: options.csp ?? true,
      readOnly,
      url: () => url,
      resourceDir: (key) => {
        const path = manifest.resources.get(key);
        if (path === undefined) return null;
        if (options.staticDir) return options.staticDir;
        return isAbsolute(path) ? path : join(rootDir, path);
      },
      users,
      projectKeys: async () => (embedded ? (await embeddedDirectory(embedded)).projectKeys : []),
      runScheduled,
      ...(embedded
        ? {
            outbox: async () => {
              const reply = await fetch(`${embedded.url.replace(/\/+$/, '')}/_sandbox/outbox`, {
                headers: { 'x-sandbox-secret': embedded.secret },
              });
              if (!reply.ok)
                throw new Error(`The embedded site did not list its outbox (HTTP ${reply.status})`);
              return reply.json();
            },
            outgoingMail: {
              async get() {
                const reply = await fetch(`${embedded.url.replace(/\/+$/, '')}/_sandbox/outgoing-mail`, {
                  headers: { 'x-sandbox-secret': embedded.secret },
                });
                if (!reply.ok) throw new Error(`The embedded site did not say (HTTP ${reply.status})`);
                return z.object({ enabled: z.boolean() }).parse(await reply.json()).enabled;
              },
              async set(enabled: boolean) {
                const reply = await fetch(`${embedded.url.replace(/\/+$/, '')}/_sandbox/outgoing-mail`, {
                  method: 'POST',
                  headers: { 'x-sandbox-secret': embedded.secret, 'content-type': 'application/json' },
                  body: JSON.stringify({ enabled }),
                });
                if (!reply.ok) throw new Error(`The embedded site refused the switch (HTTP ${reply.status})`);
              },
            },
          }
        : {}),
      issueVersion: embedded
        ? (idOrKey) => {
            const change = issueChanges.get(idOrKey);
            return { version: `r${change?.revision ?? 0}`, atlassianId: change?.atlassianId ?? null };
          }
        : null,
      log,
    }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  queue.start();
  const scheduler =
    options.scheduler === false
      ? null
      : new Scheduler(manifest.scheduledTriggers, runScheduled, log, options.scheduler ?? {});
  scheduler?.start();

  return {
    url,
    manifest,
    kvs,
    queue,
    functions,
    viewer,
    runScheduled,
    scheduler,
    async reset() {
      await queue.clear();
      await kvs.clear();
      await viewer.clear();
    },
    async close() {
      scheduler?.close();
      unsubscribe();
      unwatchIssues();
      queue.close();
      kvs.flushSync();
      viewer.flushSync();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
