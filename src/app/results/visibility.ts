// Which of the scanned issues a viewer may see: the ids an id-only search with the scan's JQL returns when run
// as the viewer (Jira applies project permissions and issue security itself), compared with the ids the scan
// read. Cached 5 minutes per viewer and project in KVS (`rs-visible:<projectId>:<accountId>`, account-id keyed:
// the personal-data report covers it), holding only what differs from the scan — the hidden scanned ids,
// encoded, and how many visible issues the scan has not read — so the value stays small for everyone who sees
// everything. An entry is tied to the scanned set it was computed against: after a scan that read other issues
// it is a miss, so an issue the scan newly read is never shown on the strength of an older answer.
import { z } from 'zod';
import type { JiraClient } from '../../jira/types';
import { AppError } from '../errors';
import type { Clock, KeyValueStore } from '../ports';
import { decodeIds, encodeIds, hashIds } from './id-set-codec';
import type { ResultStore } from './result-store';
import type { ResultSummary } from './summary';

export const VISIBILITY_TTL_MS = 5 * 60_000;

/** Every id a JQL query matches for the client's user, page by page (the scan's findIssueIds). */
export type IdFinder = (jira: JiraClient, jql: string) => AsyncIterable<string[]>;

export interface VisibilityPorts {
  /** Jira as the viewer. */
  userJira: JiraClient;
  store: KeyValueStore;
  clock: Clock;
  findIds: IdFinder;
  results: ResultStore;
}

export interface ViewerVisibility {
  /** Scanned issues the viewer may not see. */
  hidden: ReadonlySet<string>;
  /** Issues the viewer's search finds that the last scan has not read (created or moved in since). */
  newSinceScan: number;
  /** Whether the answer came from the cache. */
  cached: boolean;
}

const cachedSchema = z.object({
  schema: z.literal(1),
  at: z.string(),
  /** The scanned set's hash (ResultSummary.ids.hash) this entry was computed against. */
  scan: z.string(),
  hidden: z.string(),
  newSinceScan: z.number().int().min(0),
});
type CachedVisibility = z.infer<typeof cachedSchema>;

export function visibilityKey(projectId: string, accountId: string): string {
  return `rs-visible:${projectId}:${accountId}`;
}

export async function viewerVisibility(
  ports: VisibilityPorts,
  request: { projectId: string; accountId: string; jql: string; summary: ResultSummary },
): Promise<ViewerVisibility> {
  const { projectId, accountId, summary } = request;
  const key = visibilityKey(projectId, accountId);
  const now = ports.clock.now().getTime();
  const cached = cachedSchema.safeParse(await ports.store.get<unknown>(key));
  let visibility: ViewerVisibility;
  if (cached.success && fresh(cached.data, summary, now)) {
    visibility = {
      hidden: new Set(decodeIds(cached.data.hidden)),
      newSinceScan: cached.data.newSinceScan,
      cached: true,
    };
  } else {
    visibility = await searchAsViewer(ports, request);
    const entry: CachedVisibility = {
      schema: 1,
      at: new Date(now).toISOString(),
      scan: summary.ids.hash,
      hidden: encodeIds(visibility.hidden),
      newSinceScan: visibility.newSinceScan,
    };
    await ports.store.set(key, entry, { ttlSeconds: VISIBILITY_TTL_MS / 1000 });
  }
  if (summary.issuesRead === 0 && visibility.newSinceScan > 0) {
    throw new AppError(
      'APP_CANNOT_READ',
      "Role Split cannot read this project's issues, though you can see some. Ask a Jira admin to give the " +
        'Role Split app Browse projects permission in this project, then rescan.',
    );
  }
  return visibility;
}

function fresh(entry: CachedVisibility, summary: ResultSummary, now: number): boolean {
  const at = Date.parse(entry.at);
  // A time in the future (a clock step) is not trusted either.
  return entry.scan === summary.ids.hash && Number.isFinite(at) && at <= now && now - at < VISIBILITY_TTL_MS;
}

async function searchAsViewer(
  ports: VisibilityPorts,
  request: { projectId: string; jql: string; summary: ResultSummary },
): Promise<ViewerVisibility> {
  const visible: string[] = [];
  for await (const page of ports.findIds(ports.userJira, request.jql)) visible.push(...page);
  // The usual case, a viewer who sees exactly what the scan read, needs no read of the scanned set.
  if (visible.length === request.summary.ids.count && hashIds(visible) === request.summary.ids.hash) {
    return { hidden: new Set(), newSinceScan: 0, cached: false };
  }
  const { hidden, notScanned } = await ports.results.compareWithScanned(request.projectId, visible);
  return {
    hidden: new Set(hidden),
    newSinceScan: notScanned,
    cached: false,
  };
}
