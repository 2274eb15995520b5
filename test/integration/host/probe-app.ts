// A throwaway Forge app for testing the host on its own: a manifest with every module kind the host runs
// (issue panel, project page, product-event trigger, queue consumer, scheduled trigger), handlers written
// here with the real SDKs, and a one-file Custom UI. Written to a temp dir; nothing under static/ is used.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeedsAuthenticationError, asApp, asUser, route } from '@forge/api';
import { build } from 'esbuild';
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import Resolver from '@forge/resolver';
import type { ModuleLoader } from '../../../sandbox/host/functions';
import { startHost, type RunningHost } from '../../../sandbox/host';
import type { RunningSite } from '../../../sandbox/site';

export const PROBE_MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/11111111-2222-3333-4444-555555555555
modules:
  jira:issuePanel:
    - key: probe-panel
      resource: main
      resolver:
        function: probe-resolver
      title: Probe panel
  jira:issueContext:
    - key: probe-context
      resource: main
      resolver:
        function: probe-resolver
      title: Probe context
      label: Probe ownership
      dynamicProperties:
        function: probe-context-props
  jira:projectPage:
    - key: probe-page
      resource: main
      resolver:
        function: probe-resolver
      title: Probe page
  trigger:
    - key: on-issue
      function: on-issue
      events: [avi:jira:created:issue, avi:jira:updated:issue]
      filter:
        ignoreSelf: true
  consumer:
    - key: notices-consumer
      queue: notices
      function: consume
  scheduledTrigger:
    - key: nightly
      function: nightly
      interval: day
  function:
    - key: probe-resolver
      handler: probe.resolver
    - key: on-issue
      handler: probe.onIssue
    - key: consume
      handler: probe.consume
    - key: nightly
      handler: probe.nightly
    - key: probe-context-props
      handler: probe.contextProps
resources:
  - key: main
    path: probe-ui
permissions:
  scopes: [read:jira-work, storage:app]
`;

/** An inline script, so the test can check it is allowed by hash in the content security policy. */
export const PROBE_INLINE_SCRIPT = 'window.probeInline = true;';
export const PROBE_INDEX_HTML = `<!doctype html><html><head><title>Probe</title><script>${PROBE_INLINE_SCRIPT}</script>
<script src="./probe.js"></script></head><body><div id="out">probe</div></body></html>`;

export interface ProbeRecord {
  issueEvents: Array<{ eventType: string; key: string; atlassianId?: string }>;
  consumed: Array<{ body: Record<string, unknown>; retryCount: number | null }>;
  scheduled: unknown[];
  /** What each `dynamicProperties` call received as its payload. */
  contextProps: unknown[];
}

interface IssueEventArg {
  eventType: string;
  issue: { key: string };
  atlassianId?: string;
}
interface QueueEventArg {
  body: Record<string, unknown>;
  retryContext?: { retryCount: number };
}

export interface ProbeOptions {
  /**
   * The context header reads the issue's `probe-mark` property (asApp) and shows it. Off by default: that
   * request would use up the Sandbox menu's fault bursts meant for the app's own frames.
   */
  headerReadsMark?: boolean;
}

export function probeHandlers(record: ProbeRecord, options: ProbeOptions = {}): Record<string, unknown> {
  const resolver = new Resolver()
    .define('whoami', async (req) => {
      const me = (await (await asUser().requestJira(route`/rest/api/3/myself`)).json()) as {
        accountId: string;
      };
      return {
        contextAccountId: req.context.accountId as unknown,
        extension: req.context.extension as unknown,
        jiraUser: me.accountId,
      };
    })
    .define('sized', (req) => {
      const { bytes } = req.payload as { bytes: number };
      return Promise.resolve({ text: 'x'.repeat(bytes) });
    })
    .define('remember', async (req) => {
      await kvs.set('remembered', req.payload as unknown);
      return { stored: await kvs.get('remembered') };
    });
  return {
    resolver: resolver.getDefinitions(),
    onIssue: async (event: IssueEventArg) => {
      record.issueEvents.push({
        eventType: event.eventType,
        key: event.issue.key,
        atlassianId: event.atlassianId,
      });
      await new Queue({ key: 'notices' }).push([
        { body: { key: event.issue.key, eventType: event.eventType } },
      ]);
    },
    consume: async (event: QueueEventArg) => {
      record.consumed.push({ body: event.body, retryCount: event.retryContext?.retryCount ?? null });
      if (event.body.retryOnce === true && !event.retryContext)
        return new InvocationError({
          retryAfter: 1,
          retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        });
      await kvs.set(`seen:${String(event.body.key)}`, event.body);
      return undefined;
    },
    // The issue context's header: a lozenge that depends on the issue (and, if asked, on its `probe-mark`
    // property, so a test can tell the header was computed again after a change).
    contextProps: async (payload: { context: { extension: { issue: { key: string } } } }) => {
      record.contextProps.push(payload);
      const key = payload.context.extension.issue.key;
      let mark: unknown;
      if (options.headerReadsMark) {
        const response = await asApp().requestJira(route`/rest/api/3/issue/${key}/properties/probe-mark`);
        if (response.ok) mark = ((await response.json()) as { value?: unknown }).value;
      }
      return {
        status: {
          type: 'lozenge',
          value: { label: typeof mark === 'string' ? `Marked ${mark}` : `Checked ${key}`, type: 'success' },
        },
      };
    },
    nightly: async (request: unknown) => {
      record.scheduled.push(request);
      let userCall = 'allowed';
      try {
        await asUser().requestJira(route`/rest/api/3/myself`);
      } catch (error) {
        userCall = error instanceof NeedsAuthenticationError ? 'needs-authentication' : 'other-error';
      }
      const app = (await (await asApp().requestJira(route`/rest/api/3/myself`)).json()) as {
        accountId: string;
      };
      return { userCall, appAccountId: app.accountId };
    },
  };
}

export interface ProbeApp {
  rootDir: string;
  staticDir: string;
  record: ProbeRecord;
  loadModule: ModuleLoader;
  remove(): void;
}

export function createProbeApp(options: ProbeOptions = {}): ProbeApp {
  const rootDir = mkdtempSync(join(tmpdir(), 'probe-app-'));
  const staticDir = join(rootDir, 'probe-ui');
  mkdirSync(staticDir);
  writeFileSync(join(rootDir, 'manifest.yml'), PROBE_MANIFEST);
  writeFileSync(join(staticDir, 'index.html'), PROBE_INDEX_HTML);
  writeFileSync(join(staticDir, 'probe.js'), 'document.title = "probe loaded";');
  const record: ProbeRecord = { issueEvents: [], consumed: [], scheduled: [], contextProps: [] };
  const handlers = probeHandlers(record, options);
  return {
    rootDir,
    staticDir,
    record,
    loadModule: (file) =>
      file === 'probe' ? Promise.resolve(handlers) : Promise.reject(new Error(`no module ${file}`)),
    remove: () => rmSync(rootDir, { recursive: true, force: true }),
  };
}

/** The host on a random port (in memory unless `dataDir` is given), running the probe app against `site`. */
export function startProbeHost(
  site: RunningSite,
  probe: ProbeApp,
  log: (line: string) => void = () => {},
  dataDir: string | null = null,
): Promise<RunningHost> {
  return startHost({
    port: 0,
    dataDir,
    site,
    rootDir: probe.rootDir,
    loadModule: probe.loadModule,
    log,
  });
}

/** Allows the app to act as each of these users, as clicking "Allow access" in Jira does. */
export async function grantConsent(host: RunningHost, accountIds: string[]): Promise<void> {
  for (const accountId of accountIds) await host.viewer.setConsent(accountId, true);
}

/**
 * Builds the probe's browser script (browser/probe-ui.ts, which drives the real @forge/bridge) into the probe
 * app's resource folder, beside an index.html whose <head> holds `head` before the script and whose <body> is
 * `body`.
 */
export async function writeProbeUi(probe: ProbeApp, page: { head?: string; body: string }): Promise<void> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'browser', 'probe-ui.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  writeFileSync(join(probe.staticDir, 'probe.js'), bundle.outputFiles[0]?.text ?? '');
  writeFileSync(
    join(probe.staticDir, 'index.html'),
    `<!doctype html><html><head>${page.head ?? ''}<script src="./probe.js" defer></script></head>` +
      `<body>${page.body}</body></html>`,
  );
}
