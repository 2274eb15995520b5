// Following a bulk job on the page, undoing it, and the person picker of the bulk dialog.
// - A job's rows are shown to whoever opens it only for issues they may see now (one id search as them per page):
//   other rows keep their state and reason, never their key.
// - Undo: the job's author or a project admin (Administer Projects, asked as the viewer); a job of kind 'undo'
//   over the issues the job changed (verified, changed), each back to who held it before, and only where the slot
//   still holds what the job set (expectedFrom; CONFLICT otherwise). A job is undone once (a create-only key).
import type { BulkJobRowView, BulkJobView, BulkResults } from '../../contract/bulk';
import type { PersonView } from '../../contract/views';
import type { Role } from '../../domain/model';
import { AppError } from '../errors';
import { accountsFor, checkPeople, roleSourcesFor } from '../people';
import { hasGroupSources } from '../resolve-roster';
import { editableIssues } from './assign-rows';
import {
  createJob,
  listedJobIds,
  readAllItems,
  readJob,
  saveJob,
  totalCounts,
  type BulkItem,
  type BulkJob,
} from './job-store';
import { newJob } from './page-requests';
import type { BulkPorts } from './ports';

const PAGE_SIZE = 100;
const STATE_ORDER = { refused: 0, pending: 1, written: 2, verified: 3 } as const;

type JobSummary = BulkResults['bulk/list-jobs']['jobs'][number];

function person(
  accountId: string | null,
  accounts: Map<string, { displayName: string } | null>,
): PersonView | null {
  if (!accountId) return null;
  const account = accounts.get(accountId);
  // Shown as who did or received the change, not checked for a role here.
  return {
    accountId,
    displayName: account?.displayName ?? null,
    eligible: account != null,
    reason: account ? null : 'unknown-account',
  };
}

async function mayAdminister(ports: BulkPorts, projectId: string): Promise<boolean> {
  return ports.userJira.hasPermission('ADMINISTER_PROJECTS', { projectId });
}

function undoable(job: BulkJob): boolean {
  return job.state === 'done' && job.undoneBy === null && job.chunkCounts.some((c) => c.verified > 0);
}

function summaryOf(
  job: BulkJob,
  accounts: Map<string, { displayName: string } | null>,
  viewer: string,
  admin: boolean,
): JobSummary {
  return {
    id: job.id,
    kind: job.kind,
    undoOf: job.undoOf,
    state: job.state,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    by: person(job.by, accounts) as PersonView,
    to: person(job.to, accounts),
    counts: totalCounts(job),
    total: job.total,
    canUndo: undoable(job) && (job.by === viewer || admin),
    error: job.error,
  };
}

async function jobOfProject(ports: BulkPorts, projectId: string, jobId: string): Promise<BulkJob> {
  const job = await readJob(ports.store, jobId);
  if (!job || job.projectId !== projectId) {
    throw new AppError(
      'NOT_FOUND',
      'This bulk change is not one of this project’s last 20. Reload the page.',
    );
  }
  return job;
}

export async function getJobView(
  ports: BulkPorts,
  request: { projectId: string; viewer: string; jobId: string; cursor?: string | undefined },
): Promise<BulkJobView> {
  const job = await jobOfProject(ports, request.projectId, request.jobId);
  const offset = request.cursor === undefined ? 0 : Number(request.cursor);
  if (!Number.isInteger(offset) || offset < 0) throw new AppError('BAD_REQUEST', 'Invalid request: cursor');
  const items = (await readAllItems(ports.store, job))
    .flat()
    .map((item, index) => ({ item, index }))
    .sort((a, b) => STATE_ORDER[a.item.state] - STATE_ORDER[b.item.state] || a.index - b.index)
    .map((x) => x.item);
  const page = items.slice(offset, offset + PAGE_SIZE);
  const visible = await visibleIds(
    ports,
    job.projectId,
    page.map((i) => i.issueId),
  );
  // A CONFLICT row names who holds the slot now, a WRONG_ROLE_FOR_LEVEL row who sits in the misplaced slot
  // (its `from`, as the consumer read it).
  const conflicts = page.filter(
    (i) => (i.reason === 'CONFLICT' || i.reason === 'WRONG_ROLE_FOR_LEVEL') && visible.has(i.issueId),
  );
  const holders = conflicts.flatMap((i) => (i.from ? [i.from] : []));
  const accounts = await accountsFor(ports, [job.by, ...(job.to ? [job.to] : []), ...holders]);
  const admin = job.by === request.viewer ? false : await mayAdminister(ports, job.projectId);
  const rows: BulkJobRowView[] = page.map((item) => ({
    issueId: item.issueId,
    issueKey: visible.has(item.issueId) ? item.key : '',
    slot: item.slot,
    from: item.from,
    to: item.to,
    state: item.state,
    ...(item.state === 'verified' ? { changed: item.changed === true } : {}),
    reason: item.reason,
    message: visible.has(item.issueId) ? item.message : item.reason ? 'An issue you cannot see.' : null,
    ...(conflicts.includes(item) ? { holder: person(item.from, accounts) } : {}),
  }));
  return {
    ...summaryOf(job, accounts, request.viewer, admin),
    rows,
    nextCursor: offset + PAGE_SIZE < items.length ? String(offset + PAGE_SIZE) : null,
  };
}

/** Of these issue ids, the ones the viewer may see now (one id search as them). */
async function visibleIds(ports: BulkPorts, projectId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const page = await ports.userJira.searchPage({
    jql: `project = ${projectId} AND id in (${ids.join(', ')})`,
    fields: ['key'],
    maxResults: ids.length,
  });
  return new Set(page.issues.map((i) => i.id));
}

export async function listJobs(
  ports: BulkPorts,
  request: { projectId: string; viewer: string },
): Promise<BulkResults['bulk/list-jobs']> {
  const jobs: BulkJob[] = [];
  for (const id of await listedJobIds(ports.store, request.projectId)) {
    const job = await readJob(ports.store, id);
    if (job && job.projectId === request.projectId) jobs.push(job);
  }
  if (jobs.length === 0) return { jobs: [] };
  const people = jobs.flatMap((j) => [j.by, ...(j.to ? [j.to] : [])]);
  const accounts = await accountsFor(ports, people);
  // Only asked when some job is someone else's and could be undone.
  const admin = jobs.some((j) => j.by !== request.viewer && undoable(j))
    ? await mayAdminister(ports, request.projectId)
    : false;
  return { jobs: jobs.map((j) => summaryOf(j, accounts, request.viewer, admin)) };
}

export async function undoJob(
  ports: BulkPorts,
  request: { project: { id: string; key: string }; viewer: string; jobId: string },
): Promise<{ jobId: string }> {
  const job = await jobOfProject(ports, request.project.id, request.jobId);
  if (job.by !== request.viewer && !(await mayAdminister(ports, job.projectId))) {
    throw new AppError(
      'FORBIDDEN',
      'Only the person who made this bulk change, or a project admin, can undo it.',
    );
  }
  if (job.state !== 'done') {
    throw new AppError('CONFLICT', 'This bulk change has not finished yet: undo it once it is done.');
  }
  if (
    job.undoneBy !== null ||
    !(await ports.store.create(`bulk-undo:${job.id}`, { at: ports.clock.now().toISOString() }))
  ) {
    throw new AppError('CONFLICT', 'This bulk change has already been undone.');
  }
  const changed = (await readAllItems(ports.store, job))
    .flat()
    .filter((i) => i.state === 'verified' && i.changed);
  if (changed.length === 0) {
    throw new AppError('BAD_REQUEST', 'This bulk change changed no owner, so there is nothing to undo.');
  }
  const editable = await editableIssues(
    ports.userJira,
    changed.map((i) => i.issueId),
  );
  const items = changed.map((i): BulkItem => ({
    issueId: i.issueId,
    key: i.key,
    slot: i.slot,
    from: i.to,
    to: i.from,
    expectedFrom: i.to,
    ...(editable.has(i.issueId)
      ? { state: 'pending', reason: null, message: null }
      : {
          state: 'refused',
          reason: 'NO_EDIT_PERMISSION',
          message: `You cannot edit ${i.key}, so you cannot change its owner back. A project admin can give you Edit Issues.`,
        }),
  }));
  const undo = newJob(ports, {
    kind: 'undo',
    project: request.project,
    by: request.viewer,
    to: null,
    from: null,
    undoOf: job.id,
  });
  await createJob(ports.store, undo, items);
  job.undoneBy = undo.id;
  await saveJob(ports.store, job);
  await ports.queue.push({
    kind: 'bulk',
    projectId: job.projectId,
    projectKey: job.projectKey,
    jobId: undo.id,
  });
  return { jobId: undo.id };
}

/** Most people checked for group membership per query (one `user/groups` each, unless cached). */
const MAX_GROUP_CANDIDATES = 10;
const MAX_DIRECT = 50;

function matches(displayName: string, query: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  const name = displayName.toLowerCase();
  return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
}

/**
 * People who may hold `role` in the project matching `query`: direct actors and named people first, then people
 * Jira's search finds (as the viewer) who hold it through a group. Only eligible people are returned.
 */
export async function searchBulkPeople(
  ports: BulkPorts,
  request: { projectId: string; projectKey: string; role: Role; query: string },
): Promise<{ people: PersonView[] }> {
  const policy = await ports.policyFor(request.projectId);
  const question = { projectKey: request.projectKey, policy, role: request.role };
  const sources = await roleSourcesFor(ports, question);
  const query = request.query.trim();
  const directIds = [...sources.userIds].slice(0, MAX_DIRECT);
  const accounts = await accountsFor(ports, directIds);
  const people: PersonView[] = [];
  for (const id of directIds) {
    const account = accounts.get(id);
    if (!account || account.accountType !== 'atlassian' || !account.active) continue;
    if (!matches(account.displayName, query)) continue;
    people.push({
      accountId: id,
      displayName: account.displayName,
      eligible: true,
      reason: null,
      avatarUrl: account.avatarUrl,
    });
  }
  if (query !== '' && hasGroupSources(sources)) {
    const found = (await ports.userJira.searchUsers(query, MAX_GROUP_CANDIDATES)).filter(
      (u) => !sources.userIds.has(u.accountId),
    );
    const checked = await checkPeople(
      ports,
      question,
      found.map((u) => u.accountId),
      found,
    );
    for (const user of found) {
      const check = checked.get(user.accountId);
      if (!check?.eligible) continue;
      const { via: _via, ...view } = check;
      people.push(view);
    }
  }
  people.sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? ''));
  return { people };
}
