// The page's status line (`project/get-status`, polled every 2 s while a scan runs): whether Role Split is on,
// whether the viewer may turn it on, the scan under way and the last one. Cheap by design: the project's name,
// its enablement and the viewer's rights (Administer Projects, Edit Issues: one permissions/check as them) are
// cached (a minute for enablement, which the page's own switch forgets at once), so a poll costs store reads and
// no Jira request once warm.
import type { AlignmentStatusView, ScanStatusView } from '../../contract/alignment';
import type { JiraClient } from '../../jira/types';
import { readEnablement, register, registryKey, type Enablement } from '../enablement';
import { FreshCache } from '../fresh-cache';
import type { Clock, KeyValueStore } from '../ports';
import { jobKey, scanJobSchema, statusOf, statusOfLast, type LastRun } from './job-record';
import type { ScanQueue } from './ports';
import { requestKey, requestScan, scanRequestSchema } from './request-scan';
import { loadLastRun } from './run-scan';

export interface StatusPorts {
  jira: JiraClient;
  userJira: JiraClient;
  store: KeyValueStore;
  clock: Clock;
  queue: ScanQueue;
  newId(): string;
}

const ENABLEMENT_FRESH_MS = 60_000;

export function enablementCacheKey(projectId: string): string {
  return `enablement:${projectId}`;
}

export async function cachedEnablement(
  ports: Pick<StatusPorts, 'jira' | 'store' | 'clock'>,
  projectId: string,
): Promise<Enablement> {
  const cache = new FreshCache(ports.store, ports.clock, ENABLEMENT_FRESH_MS);
  return cache.through(enablementCacheKey(projectId), () => readEnablement(ports.jira, projectId));
}

export async function describeStatus(
  ports: StatusPorts,
  project: { id: string; key: string },
  viewer: string | undefined,
): Promise<AlignmentStatusView> {
  const cache = new FreshCache(ports.store, ports.clock);
  const [name, enablement, rights] = await Promise.all([
    cache.through(`project-name:${project.id}`, async () => (await ports.jira.getProject(project.id)).name),
    cachedEnablement(ports, project.id),
    cache.through(`viewer-rights:${project.id}:${viewer ?? 'anonymous'}`, () =>
      viewerRights(ports.userJira, project.id),
    ),
  ]);
  const { canAdminister, canEdit } = rights;
  const { lastScan, last, ...scans } = await describeScans(ports, project.id);
  let currentScan = scans.currentScan;
  if (enablement.enabled && !currentScan && !last) {
    // Enabled elsewhere (the CLI, the demo, another tool) and never scanned: the first visit starts the scan
    // and records the project for the daily one.
    if (await ports.userJira.hasPermission('BROWSE_PROJECTS', { projectId: project.id })) {
      if ((await ports.store.get(registryKey(project.id))) === undefined) {
        await register(ports.store, project, ports.clock);
      }
      const requested = await requestScan(ports, project, 'full');
      currentScan = queuedView(requested.kind);
    }
  }
  return {
    project: { id: project.id, key: project.key, name },
    enabled: enablement.enabled,
    canAdminister,
    canEdit,
    lastScan,
    currentScan,
    resultsAt: last?.lastSuccessFinishedAt ?? null,
  };
}

/**
 * The viewer's Administer Projects and Edit Issues in the project, asked of Jira as them in one request
 * (`POST /permissions/check` without an accountId checks the caller; the project's grant, not any issue's).
 */
async function viewerRights(
  userJira: JiraClient,
  projectId: string,
): Promise<{ canAdminister: boolean; canEdit: boolean }> {
  const result = await userJira.checkPermissions({
    projectPermissions: [
      { permissions: ['ADMINISTER_PROJECTS', 'EDIT_ISSUES'], projects: [Number(projectId)] },
    ],
  });
  const held = (permission: string) =>
    result.projectPermissions.some(
      (grant) => grant.permission === permission && grant.projects.includes(Number(projectId)),
    );
  return { canAdminister: held('ADMINISTER_PROJECTS'), canEdit: held('EDIT_ISSUES') };
}

/** A request is answered once a run took it in, or any run started after it was made. */
function answered(
  request: { requestId: string; at: string },
  job: { requestIds: string[]; queuedAt: string } | undefined,
  last: { startedAt: string } | undefined,
): boolean {
  const at = Date.parse(request.at);
  if (job?.requestIds.includes(request.requestId)) return true;
  if (job && Date.parse(job.queuedAt) >= at) return true;
  return last !== undefined && Date.parse(last.startedAt) >= at;
}

function queuedView(kind: 'full' | 'incremental'): ScanStatusView {
  return {
    state: 'queued',
    kind,
    phase: 'finding',
    done: 0,
    total: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    error: null,
  };
}

/**
 * The scan under way (or queued) and the last finished run, without the status line's side effects (no scan is
 * started here): what the settings page's health box shows. `last` carries the run record's timestamps.
 */
export async function describeScans(
  ports: Pick<StatusPorts, 'store'>,
  projectId: string,
): Promise<{ lastScan: ScanStatusView | null; currentScan: ScanStatusView | null; last: LastRun | null }> {
  const [jobRaw, last, requestRaw] = await Promise.all([
    ports.store.get<unknown>(jobKey(projectId)),
    loadLastRun(ports, projectId),
    ports.store.get<unknown>(requestKey(projectId)),
  ]);
  const job = scanJobSchema.safeParse(jobRaw);
  const request = scanRequestSchema.safeParse(requestRaw);
  let currentScan: ScanStatusView | null = null;
  if (job.success && (job.data.state === 'running' || job.data.state === 'queued')) {
    currentScan = statusOf(job.data);
  } else if (request.success && !answered(request.data, job.success ? job.data : undefined, last)) {
    currentScan = queuedView(request.data.kind);
  }
  return { lastScan: last ? statusOfLast(last) : null, currentScan, last: last ?? null };
}
