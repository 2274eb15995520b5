// The Alignment page's bulk requests: preview (what would happen, nothing written) and apply (a queued job).
// Both act as the user: the selection is searched as them, so an issue they may not see is never named, and
// their Edit Issues is asked of Jira as them (`POST /permissions/check`, no accountId, ≤ 1,000 issues a call).
// Apply does not trust the preview: it selects again, checks again, and the consumer re-reads every issue before
// planning it (./run-job.ts), so the outcome is decided on what the issue is when it is written. What it does
// take from the preview is what the user agreed to: the issues it read and who held each slot then
// (./preview-store.ts): each is the item's expectedFrom, so a slot someone changed after the preview is
// refused CONFLICT, never overwritten.
import type { BulkPreviewRow, BulkPreviewView, BulkRefusal, BulkTarget } from '../../contract/bulk';
import type { PersonView } from '../../contract/views';
import type { Role } from '../../domain/model';
import type { Policy } from '../../domain/policy';
import { JiraError } from '../../jira/errors';
import { AppError } from '../errors';
import { ISSUE_FIELDS, toIssueFacts } from '../issue-facts';
import { accountsFor, checkPeople, type PersonCheck } from '../people';
import { editableIssues } from './assign-rows';
import { createJob, readJob, type BulkItem, type BulkJob } from './job-store';
import { claimPreview, readPreview, releasePreview, savePreview, type PreviewedIssue } from './preview-store';
import { planWrite, ROLE_NAME, type EligibilityLookup, type PlannedWrite } from './plan-writes';
import type { BulkPorts } from './ports';
import { requestFor, selectIssueRefs, selectIssues } from './select';

export interface BulkRequest {
  project: { id: string; key: string };
  /** The invoking user (from the Forge context). */
  viewer: string;
  target: BulkTarget;
  /** The person the slots go to. */
  accountId: string;
  /** apply: the preview the user saw (required unless the target is `replace`). */
  previewId?: string | undefined;
}

const PREVIEW_ROWS = 50;
const HIDDEN_MESSAGE = 'An issue you cannot see, or one that is not in this project: it is left out.';

export function jobKindOf(target: BulkTarget): 'assign' | 'replace' {
  return target.kind === 'replace' ? 'replace' : 'assign';
}

function jobShape(target: BulkTarget) {
  return {
    kind: jobKindOf(target),
    fillOnly: target.kind === 'epic-stories-without-po',
    from: target.kind === 'replace' ? target.from : null,
  };
}

/** People checked for both roles (one `user/bulk` for all of them, role sources from the five-minute cache). */
export async function eligibilityFor(
  ports: BulkPorts,
  projectKey: string,
  policy: Policy,
  accountIds: readonly string[],
): Promise<{ lookup: EligibilityLookup; checks: Map<Role, Map<string, PersonCheck>> }> {
  const ids = [...new Set(accountIds)];
  const known = ids.length > 0 ? await ports.jira.getUsers(ids) : [];
  const checks = new Map<Role, Map<string, PersonCheck>>();
  for (const role of ['pm', 'po'] as const) {
    checks.set(
      role,
      ids.length > 0
        ? await checkPeople(ports, { projectKey, policy, role }, ids, known)
        : new Map<string, PersonCheck>(),
    );
  }
  return { lookup: (id, role) => checks.get(role)?.get(id), checks };
}

/** The epic the page names must be a strategy issue of this project the user can see. */
async function checkEpic(
  ports: BulkPorts,
  project: { id: string; key: string },
  epicId: string,
): Promise<void> {
  try {
    const epic = toIssueFacts(await ports.userJira.getIssue(epicId, { fields: ISSUE_FIELDS }));
    if (epic.projectKey === project.key && epic.issueType.hierarchyLevel >= 1) return;
  } catch (error) {
    if (!(error instanceof JiraError && error.kind === 'not-found')) throw error;
  }
  throw new AppError('NOT_FOUND', 'That epic is not one you can see in this project. Reload the page.');
}

function personView(check: PersonCheck | undefined, accountId: string): PersonView {
  if (!check) return { accountId, displayName: null, eligible: false, reason: 'unknown-account' };
  const { via: _via, ...view } = check;
  return view;
}

export async function previewBulk(ports: BulkPorts, request: BulkRequest): Promise<BulkPreviewView> {
  const { project, target, accountId } = request;
  const policy = await ports.policyFor(project.id);
  if (target.kind === 'epic-stories-without-po') await checkEpic(ports, project, target.epicId);
  const facts = await selectIssues(ports.userJira, project.id, policy, target);
  const { lookup, checks } = await eligibilityFor(ports, project.key, policy, [accountId]);
  const shape = jobShape(target);
  const now = ports.clock.now();
  const plans: PlannedWrite[] = facts.map((f) =>
    planWrite({
      facts: f,
      ...requestFor(shape, accountId, f),
      policy,
      eligibility: lookup,
      setBy: request.viewer,
      now,
    }),
  );
  const writes = plans.filter((p) => p.outcome === 'assign' || p.outcome === 'clear');
  const editable = await editableIssues(
    ports.userJira,
    writes.map((p) => p.issueId),
  );
  const byId = new Map(facts.map((f) => [f.id, f]));
  const rows: BulkPreviewRow[] = plans.map((plan) => {
    const row = {
      issueId: plan.issueId,
      issueKey: plan.issueKey,
      summary: byId.get(plan.issueId)?.summary ?? '',
      issueType: byId.get(plan.issueId)?.issueType.name ?? '',
      slot: plan.slot,
      current: null,
    };
    if (plan.outcome === 'refused')
      return { ...row, outcome: 'refused', reason: plan.reason, message: plan.message };
    if ((plan.outcome === 'assign' || plan.outcome === 'clear') && !editable.has(plan.issueId)) {
      return {
        ...row,
        outcome: 'refused',
        reason: 'NO_EDIT_PERMISSION',
        message: `You cannot edit ${plan.issueKey}, so you cannot change its ${ROLE_NAME[plan.slot]}. A project admin can give you Edit Issues.`,
      };
    }
    return { ...row, outcome: plan.outcome, reason: null, message: null };
  });
  if (target.kind === 'issues') {
    const found = new Set(facts.map((f) => f.id));
    for (const id of target.issueIds.filter((x) => !found.has(x))) {
      rows.push({
        issueId: id,
        issueKey: '',
        summary: '',
        slot: null,
        current: null,
        outcome: 'refused',
        reason: 'ISSUE_NOT_FOUND',
        message: HIDDEN_MESSAGE,
      });
    }
  }
  const counts = { assign: 0, clear: 0, unchanged: 0, refused: 0 };
  const refusedBy: Partial<Record<BulkRefusal, number>> = {};
  for (const row of rows) {
    counts[row.outcome] += 1;
    if (row.reason) refusedBy[row.reason] = (refusedBy[row.reason] ?? 0) + 1;
  }
  const shown = [
    ...rows.filter((r) => r.outcome === 'refused'),
    ...rows.filter((r) => r.outcome !== 'refused'),
  ].slice(0, PREVIEW_ROWS);
  // Who holds each shown slot now: names read fresh, for the rows shown only.
  const fromOf = new Map(plans.map((p) => [p.issueId, p.from]));
  const holders = [...new Set(shown.map((r) => fromOf.get(r.issueId)).filter((x): x is string => !!x))];
  const accounts = await accountsFor(ports, holders);
  for (const row of shown) {
    const holder = fromOf.get(row.issueId);
    if (!holder || !row.slot) continue;
    const account = accounts.get(holder);
    row.current = {
      accountId: holder,
      displayName: account?.displayName ?? null,
      // The shown holder is described, not re-checked: the preview is about the new person.
      eligible: account ? account.active && account.accountType === 'atlassian' : false,
      reason: account ? null : 'unknown-account',
    };
  }
  const slotCounts = { pm: 0, po: 0 };
  for (const plan of plans) if (plan.slot) slotCounts[plan.slot] += 1;
  const role: Role = slotCounts.pm > slotCounts.po ? 'pm' : 'po';
  // What apply will hold the job to: every issue read, with its slot and who held it as read here.
  const previewId = ports.newId();
  await savePreview(ports.store, previewId, {
    viewer: request.viewer,
    projectId: project.id,
    target,
    accountId,
    createdAt: now,
    issues: new Map(plans.map((p) => [p.issueId, { slot: p.slot, from: p.from }])),
  });
  return {
    previewId,
    person: personView(checks.get(role)?.get(accountId), accountId),
    total: rows.length,
    counts,
    refusedBy,
    rows: shown,
  };
}

/** The preview an apply of picked issues or an epic's stories stands on (replace guards with its own `from`). */
async function previewedFor(
  ports: BulkPorts,
  request: BulkRequest,
): Promise<Map<string, PreviewedIssue> | null> {
  if (request.target.kind === 'replace') return null;
  if (!request.previewId) {
    throw new AppError('BAD_REQUEST', 'Preview this change first, check what would change, then apply.');
  }
  return readPreview(ports.store, request.previewId, {
    viewer: request.viewer,
    projectId: request.project.id,
    target: request.target,
    accountId: request.accountId,
    now: ports.clock.now(),
  });
}

export async function applyBulk(ports: BulkPorts, request: BulkRequest): Promise<{ jobId: string }> {
  const previewed = await previewedFor(ports, request);
  const previewId = previewed ? request.previewId : undefined;
  if (!previewId) return queueApply(ports, request, previewed, ports.newId());
  // Once per preview: the job id is claimed with an atomic create before anything is queued.
  const jobId = ports.newId();
  const claim = await claimPreview(ports.store, previewId, jobId);
  if (!claim.claimed) {
    if (claim.jobId && (await readJob(ports.store, claim.jobId))) return { jobId: claim.jobId };
    throw new AppError(
      'CONFLICT',
      'This preview is being applied already: its change appears in the list of bulk changes in a moment. Reload the page to follow it.',
    );
  }
  try {
    return await queueApply(ports, request, previewed, jobId);
  } catch (error) {
    await releasePreview(ports.store, previewId);
    throw error;
  }
}

async function queueApply(
  ports: BulkPorts,
  request: BulkRequest,
  previewed: Map<string, PreviewedIssue> | null,
  jobId: string,
): Promise<{ jobId: string }> {
  const { project, accountId, viewer } = request;
  // An epic's stories are the ones its preview read (a story added since was not agreed to; one that got a PO
  // since is still named, CONFLICT): asked again as the user by id, so one they may no longer see drops out.
  const target: BulkTarget =
    previewed && request.target.kind === 'epic-stories-without-po'
      ? { kind: 'issues', issueIds: [...previewed.keys()] }
      : request.target;
  const policy = await ports.policyFor(project.id);
  const { checks } = await eligibilityFor(ports, project.key, policy, [accountId]);
  const pm = checks.get('pm')?.get(accountId);
  const po = checks.get('po')?.get(accountId);
  if (!pm?.eligible && !po?.eligible) {
    const reason = po?.reason ?? pm?.reason ?? 'unknown-account';
    throw new AppError(
      'NOT_ELIGIBLE',
      reason === 'not-in-role'
        ? 'This person holds neither the PM nor the PO role in this project. A project admin can add them to one.'
        : 'This person cannot own issues here (deactivated, unknown to Jira, or not a person). Choose someone else.',
      { reason },
    );
  }
  if (request.target.kind === 'epic-stories-without-po') {
    await checkEpic(ports, project, request.target.epicId);
  }
  const found =
    target.kind === 'issues' && target.issueIds.length === 0
      ? []
      : await selectIssueRefs(ports.userJira, project.id, policy, target);
  // Only what the preview read: an issue hidden from it stays out (the preview said so), even if visible now.
  const refs = previewed ? found.filter((r) => previewed.has(r.id)) : found;
  const kept = new Set(refs.map((r) => r.id));
  const hidden = target.kind === 'issues' ? target.issueIds.filter((id) => !kept.has(id)) : [];
  if (refs.length === 0 && hidden.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      'Nothing to change: no issue you can see matches this any more. Reload the page.',
    );
  }
  const editable = await editableIssues(
    ports.userJira,
    refs.map((r) => r.id),
  );
  const shape = jobShape(request.target);
  const items: BulkItem[] = [
    ...refs.map((ref): BulkItem => {
      const seen = previewed?.get(ref.id);
      const base = {
        issueId: ref.id,
        key: ref.key,
        // The slot the preview read: the consumer refuses the issue if its level changed since.
        slot: seen?.slot ?? null,
        from: seen ? seen.from : shape.from,
        to: accountId,
        ...guardOf(shape, seen),
        ...(shape.fillOnly ? { fillOnly: true } : {}),
      };
      return editable.has(ref.id)
        ? { ...base, state: 'pending', reason: null, message: null }
        : {
            ...base,
            state: 'refused',
            reason: 'NO_EDIT_PERMISSION',
            message: `You cannot edit ${ref.key}, so you cannot change its owner. A project admin can give you Edit Issues.`,
          };
    }),
    ...hidden.map((id): BulkItem => ({
      issueId: id,
      key: '',
      slot: null,
      from: null,
      to: accountId,
      state: 'refused',
      reason: 'ISSUE_NOT_FOUND',
      message: HIDDEN_MESSAGE,
    })),
  ];
  const job = newJob(ports, {
    id: jobId,
    kind: shape.kind,
    project,
    by: viewer,
    to: accountId,
    from: shape.from,
    undoOf: null,
  });
  await createJob(ports.store, job, items);
  await ports.queue.push({ kind: 'bulk', projectId: project.id, projectKey: project.key, jobId: job.id });
  return { jobId: job.id };
}

/** replace: the slot must still hold `from`; previewed: it must still hold who the preview read. */
function guardOf(
  shape: { from: string | null },
  seen: PreviewedIssue | undefined,
): { expectedFrom?: string | null } {
  if (shape.from) return { expectedFrom: shape.from };
  // Without a slot at the preview (out of scope, or unreadable) it held nobody: if it takes one now, it must be empty.
  if (seen) return { expectedFrom: seen.from };
  return {};
}

export function newJob(
  ports: Pick<BulkPorts, 'newId' | 'clock'>,
  spec: Pick<BulkJob, 'kind' | 'by' | 'to' | 'from' | 'undoOf'> & {
    project: { id: string; key: string };
    /** A job id claimed already (a preview's apply). */
    id?: string;
  },
): BulkJob {
  return {
    schema: 1,
    id: spec.id ?? ports.newId(),
    kind: spec.kind,
    projectId: spec.project.id,
    projectKey: spec.project.key,
    by: spec.by,
    to: spec.to,
    from: spec.from,
    undoOf: spec.undoOf,
    undoneBy: null,
    state: 'queued',
    createdAt: ports.clock.now().toISOString(),
    startedAt: null,
    finishedAt: null,
    total: 0,
    chunks: 0,
    chunkCounts: [],
    retries: 0,
    error: null,
  };
}
