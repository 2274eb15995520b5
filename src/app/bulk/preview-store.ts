// What a bulk preview showed, kept for its apply: `bulk-preview:<previewId>` in the app's store. Apply takes each
// issue's slot holder from here as the item's `expectedFrom`, so a slot someone changed after the preview is
// refused CONFLICT instead of overwritten (no lost update), at no Jira request: the preview read every issue as
// the user anyway. A snapshot is good for PREVIEW_TTL_MS, for the viewer who asked it, in the project, for the
// same target and person; the store's TTL is housekeeping only (an expired key may linger), so the age is checked.
// One value per preview: ≤ 1,000 issues as [id, slot, holder index] with the holders listed once (≈ 30 KB,
// far under the store's 240 KiB a value even with the longest account ids).
// A preview is applied once: `bulk-preview-job:<previewId>` (an atomic create) holds the job it was applied as,
// and applying it again returns that job.
import { z } from 'zod';
import type { BulkTarget } from '../../contract/bulk';
import type { Role } from '../../domain/model';
import { AppError } from '../errors';
import type { KeyValueStore } from '../ports';

export const PREVIEW_TTL_MS = 15 * 60_000;

const role = z.enum(['pm', 'po']);

const snapshotSchema = z.object({
  schema: z.literal(1),
  viewer: z.string(),
  projectId: z.string(),
  /** The target as asked, canonical (JSON with sorted issue ids), compared whole on apply. */
  target: z.string(),
  accountId: z.string(),
  createdAt: z.string(),
  holders: z.array(z.string()),
  /** [issueId, slot (null: none), index into holders (null: the slot was empty or unreadable)]. */
  issues: z.array(z.tuple([z.string(), role.nullable(), z.number().int().nullable()])),
});

export interface PreviewedIssue {
  slot: Role | null;
  /** Who held the slot as the preview read it (null: empty). */
  from: string | null;
}

export interface PreviewSnapshot {
  viewer: string;
  projectId: string;
  target: BulkTarget;
  accountId: string;
  createdAt: Date;
  /** The issues the preview read (the ones the viewer could see), by id, in the order read. */
  issues: Map<string, PreviewedIssue>;
}

export const previewKey = (id: string) => `bulk-preview:${id}`;

/** The target in one canonical string: the same issues picked in another order are the same target. */
export function canonicalTarget(target: BulkTarget): string {
  return JSON.stringify(
    target.kind === 'issues' ? { kind: 'issues', issueIds: [...target.issueIds].sort() } : target,
  );
}

export async function savePreview(
  store: KeyValueStore,
  id: string,
  snapshot: PreviewSnapshot,
): Promise<void> {
  const holders: string[] = [];
  const index = new Map<string, number>();
  const issues: Array<[string, Role | null, number | null]> = [];
  for (const [issueId, { slot, from }] of snapshot.issues) {
    let n: number | null = null;
    if (from !== null) {
      n = index.get(from) ?? holders.push(from) - 1;
      index.set(from, n);
    }
    issues.push([issueId, slot, n]);
  }
  const value: z.infer<typeof snapshotSchema> = {
    schema: 1,
    viewer: snapshot.viewer,
    projectId: snapshot.projectId,
    target: canonicalTarget(snapshot.target),
    accountId: snapshot.accountId,
    createdAt: snapshot.createdAt.toISOString(),
    holders,
    issues,
  };
  await store.set(previewKey(id), value, { ttlSeconds: Math.ceil(PREVIEW_TTL_MS / 1000) });
}

const previewAgain = (why: string) =>
  new AppError('BAD_REQUEST', `${why} Preview again, check what would change, then apply.`);

/**
 * The preview an apply names, checked: the viewer's own, this project's, the same target and person, and not
 * older than PREVIEW_TTL_MS. Anything else is BAD_REQUEST saying to preview again (nothing is queued).
 */
export async function readPreview(
  store: KeyValueStore,
  id: string,
  expect: { viewer: string; projectId: string; target: BulkTarget; accountId: string; now: Date },
): Promise<Map<string, PreviewedIssue>> {
  const parsed = snapshotSchema.safeParse(await store.get<unknown>(previewKey(id)));
  if (!parsed.success) throw previewAgain('This preview has expired or is unknown.');
  const s = parsed.data;
  if (s.viewer !== expect.viewer || s.projectId !== expect.projectId) {
    throw previewAgain('This preview is not yours, or not of this project.');
  }
  const age = expect.now.getTime() - Date.parse(s.createdAt);
  if (!(age >= -60_000 && age <= PREVIEW_TTL_MS)) {
    throw previewAgain(`This preview is more than ${PREVIEW_TTL_MS / 60_000} minutes old.`);
  }
  if (s.target !== canonicalTarget(expect.target) || s.accountId !== expect.accountId) {
    throw previewAgain('The issues or the person changed since this preview.');
  }
  const issues = new Map<string, PreviewedIssue>();
  for (const [issueId, slot, n] of s.issues) {
    issues.set(issueId, { slot, from: n === null ? null : (s.holders[n] ?? null) });
  }
  return issues;
}

/** Which job a preview was applied as: `bulk-preview-job:<previewId>`, created once. */
export const previewJobKey = (id: string) => `bulk-preview-job:${id}`;

const claimSchema = z.object({ jobId: z.string() });

/**
 * Claims a preview for one job, with an atomic create of its job id: applying the same preview twice (a double
 * click, a retried request) finds the first job's id instead of queuing a second job.
 */
export async function claimPreview(
  store: KeyValueStore,
  previewId: string,
  jobId: string,
): Promise<{ claimed: true } | { claimed: false; jobId: string | null }> {
  const key = previewJobKey(previewId);
  if (await store.create(key, { jobId }, { ttlSeconds: Math.ceil(PREVIEW_TTL_MS / 1000) }))
    return { claimed: true };
  const parsed = claimSchema.safeParse(await store.get<unknown>(key));
  return { claimed: false, jobId: parsed.success ? parsed.data.jobId : null };
}

/** An apply that failed before its job was queued gives the preview back, so applying it again can work. */
export async function releasePreview(store: KeyValueStore, previewId: string): Promise<void> {
  await store.delete(previewJobKey(previewId));
}
