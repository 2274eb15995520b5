// The embedded Jira Cloud site behind the sandbox (`npm start`), the CLI's `--demo` and the integration
// tests: an HTTP server on 127.0.0.1 that answers the REST calls Role Split makes the way Jira Cloud does,
// seeded with a demo product project (./demo-data.ts) or a large generated one, persisted in a folder. As
// strict as Jira where users meet it: issue security hides issues (./permissions.ts), searches may trail
// writes (./search-lag.ts), JQL searches only the property paths the manifest indexes (./property-index.ts).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildDemoSnapshot, generateLargeProject } from './demo-data';
import { FaultInjector, RequestCounters, type Faults } from './faults';
import type { SiteSnapshot } from './model';
import { PageTokens } from './page-tokens';
import { PropertyIndex, manifestPropertyIndex, type IndexedPath } from './property-index';
import { SnapshotStore } from './persistence';
import { FULL_VIEW, issueJson, type RenderContext } from './representations';
import type { SiteContext } from './router';
import { SEARCH_LIMITS, SearchCache } from './search';
import { SearchLag } from './search-lag';
import { createSiteServer } from './server';
import type { HostUrlOption } from './ui-pages';
import { SiteState } from './state';
import { TaskRunner } from './tasks';
import { manifestWorkflowValidators, type WorkflowValidator } from './expressions';

export {
  DEMO,
  OWNERSHIP_PROPERTY_KEY,
  buildDemoSnapshot,
  describeGeneratedProject,
  generateLargeProject,
  type DemoUser,
  type GeneratedProjectFacts,
} from './demo-data';
export type { Faults } from './faults';
export type { IndexedPath } from './property-index';
export type { WorkflowValidator } from './expressions';
export type { OutboxMessage, SiteIssue, SiteProject, SiteSnapshot, SiteUser } from './model';
export { SiteState, type IssueEvent, type IssueEventListener } from './state';
export { SEARCH_LIMITS } from './search';
export { AS_HEADER, SECRET_HEADER } from './auth';

export interface SiteOptions {
  /** Where state persists (atomic writes); null = in memory only. Default '.sandbox-data/site'. */
  dataDir?: string | null;
  /** 0 = a random free port (default). */
  port?: number;
  /** Initial data when dataDir holds none (default 'demo'); `{ issues: N }` = a large generated project. */
  seed?: 'demo' | { issues: number };
  /** For the trusted identity headers (default: random). */
  secret?: string;
  /** The clock (epoch ms) for timestamps, token expiry and rate limiting; tests inject one. Default Date.now. */
  clock?: () => number;
  /** How long a bulk-property task stays ENQUEUED before it runs (default 25 ms). */
  taskDelayMs?: number;
  /**
   * The entity-property paths JQL may search. Default: the `jira:entityProperty` modules of the manifest.yml
   * found from the working directory (none without one), so only what the app's manifest indexes is searchable.
   */
  propertyIndex?: readonly IndexedPath[];
  /**
   * How far searches (and the approximate count) trail writes, in ms, as Jira's index does: an issue written
   * within the last `searchLagMs` is searched as it was before. Reads by key and bulk fetch are always current;
   * `reconcileIssues` makes named issues current. Default 0 (tests ask for a lag when they mean it).
   */
  searchLagMs?: number;
  /**
   * The workflow validators every transition runs. Default: the `jira:workflowValidator` modules of the
   * manifest.yml found from the working directory (none without one), as Jira runs the installed app's.
   */
  workflowValidators?: readonly WorkflowValidator[];
  /**
   * The local Forge host's base URL (or a function answering it once the host has started): a browser's GET of
   * one of Jira's pages here (`/browse/KEY`, `/jira/{type}/projects/KEY/...`) is redirected to the host, which
   * serves them, so links built from the site's base URL open. Without it those paths are 404s.
   */
  hostUrl?: HostUrlOption;
}

export interface RunningSite {
  /** e.g. http://127.0.0.1:43123 */
  url: string;
  secret: string;
  /** Direct in-process access for tests and the host (read and mutate; mutations persist and raise events). */
  state: SiteState;
  /** Requests per endpoint, keyed "METHOD /rest/api/3/path/{template}". */
  counters: { snapshot(): Record<string, number>; reset(): void };
  faults: { set(f: Partial<Faults>): void; clear(): void; get(): Faults };
  /** Back to the seed data (and persisted). Counters and faults are left as they are. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = '.sandbox-data/site';

function seedSnapshot(seed: SiteOptions['seed']): SiteSnapshot {
  if (seed === undefined || seed === 'demo') return buildDemoSnapshot();
  return generateLargeProject(seed.issues);
}

export async function startSite(options: SiteOptions = {}): Promise<RunningSite> {
  const now = options.clock ?? Date.now;
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir;

  // The store reads the state lazily (at write time), so it can exist before the state it saves.
  const holder: { state?: SiteState } = {};
  const store =
    dataDir === null
      ? null
      : new SnapshotStore(dataDir, () => {
          if (!holder.state) throw new Error('site state not ready');
          return holder.state.toSnapshot();
        });
  const stored = store?.load();
  const state = new SiteState(stored ?? seedSnapshot(options.seed), now);
  holder.state = state;
  const lag = new SearchLag(Math.max(0, options.searchLagMs ?? 0), now);
  state.setChangeRecorder(lag);
  if (store && !stored) await store.flush();
  const unsubscribe = state.onChange(() => store?.schedule());

  const render: RenderContext = { baseUrl: '', state };
  const tasks = new TaskRunner(now, options.taskDelayMs ?? 25);
  const searches = new SearchCache(64, now);
  const faults = new FaultInjector(now);
  const counters = new RequestCounters();

  const reset = async (): Promise<void> => {
    tasks.clear();
    searches.clear();
    state.load(seedSnapshot(options.seed));
    state.markChanged();
    await store?.flush();
  };

  const site: SiteContext = {
    state,
    render,
    now,
    tokens: new PageTokens(SEARCH_LIMITS.tokenTtlMs, now),
    searches,
    lag,
    tasks,
    propertyIndex: new PropertyIndex(options.propertyIndex ?? manifestPropertyIndex()),
    faults,
    counters,
    reset,
    workflowValidators: options.workflowValidators ?? manifestWorkflowValidators(),
  };
  // Event payloads are handed to other code: each gets its own copy.
  state.setIssueRenderer((issue) => structuredClone(issueJson(render, issue, FULL_VIEW)));

  const server = createSiteServer(site, secret, options.hostUrl ? { hostUrl: options.hostUrl } : {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  render.baseUrl = `http://127.0.0.1:${port}`;

  let closed = false;
  return {
    url: render.baseUrl,
    secret,
    state,
    counters,
    faults,
    reset,
    async close() {
      if (closed) return;
      closed = true;
      tasks.drain();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      unsubscribe();
      await store?.flush();
    },
  };
}
