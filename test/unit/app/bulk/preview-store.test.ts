// The bulk preview's snapshot (src/app/bulk/preview-store.ts): what apply holds the job to, and when it refuses.
import { describe, expect, it } from '@jest/globals';
import type { BulkTarget } from '../../../../src/contract/bulk';
import { AppError } from '../../../../src/app/errors';
import {
  claimPreview,
  PREVIEW_TTL_MS,
  previewKey,
  releasePreview,
  readPreview,
  savePreview,
  type PreviewedIssue,
} from '../../../../src/app/bulk/preview-store';
import { MemoryStore } from '../../../support/memory-store';

const at = new Date('2026-11-30T10:00:00.000Z');
const target: BulkTarget = { kind: 'issues', issueIds: ['10003', '10001', '10002'] };
const issues = new Map<string, PreviewedIssue>([
  ['10001', { slot: 'po', from: null }],
  ['10002', { slot: 'po', from: 'acc-chen' }],
  ['10003', { slot: 'pm', from: 'acc-chen' }],
  ['10004', { slot: null, from: null }],
]);
const expected = { viewer: 'acc-priya', projectId: '10000', target, accountId: 'acc-sam', now: at };

async function saved(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await savePreview(store, 'preview-1', {
    viewer: 'acc-priya',
    projectId: '10000',
    target,
    accountId: 'acc-sam',
    createdAt: at,
    issues,
  });
  return store;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error('expected an AppError');
  return error;
}

describe('the bulk preview snapshot', () => {
  it('gives back every issue with its slot and who held it, each holder stored once', async () => {
    const store = await saved();
    expect(await readPreview(store, 'preview-1', expected)).toEqual(issues);
    const raw = await store.get<{ holders: string[] }>(previewKey('preview-1'));
    expect(raw?.holders).toEqual(['acc-chen']);
    // The same issues picked in another order are the same target.
    const reordered = {
      ...expected,
      target: { kind: 'issues' as const, issueIds: ['10001', '10002', '10003'] },
    };
    expect((await readPreview(store, 'preview-1', reordered)).size).toBe(4);
  });

  it('is good for 15 minutes, for the viewer, the project, the target and the person it was made for', async () => {
    const store = await saved();
    const late = new Date(at.getTime() + PREVIEW_TTL_MS + 1);
    const cases: Array<[typeof expected, RegExp]> = [
      [{ ...expected, now: late }, /more than 15 minutes old/],
      [{ ...expected, viewer: 'acc-vera' }, /not yours/],
      [{ ...expected, projectId: '10001' }, /not of this project/],
      [{ ...expected, accountId: 'acc-amara' }, /person changed/],
      [{ ...expected, target: { kind: 'issues', issueIds: ['10001'] } }, /issues or the person changed/],
    ];
    for (const [asked, message] of cases) {
      const error = await refusal(readPreview(store, 'preview-1', asked));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(message);
      expect(error.message).toContain('Preview again');
    }
    expect(
      (await readPreview(store, 'preview-1', { ...expected, now: new Date(late.getTime() - 2) })).size,
    ).toBe(4);
  });

  it('refuses an unknown or damaged snapshot, saying to preview again', async () => {
    const store = await saved();
    expect((await refusal(readPreview(store, 'preview-2', expected))).message).toMatch(
      /expired or is unknown/,
    );
    await store.set(previewKey('preview-1'), { schema: 1, viewer: 'acc-priya' });
    expect((await refusal(readPreview(store, 'preview-1', expected))).code).toBe('BAD_REQUEST');
  });
});

describe('claimPreview', () => {
  it('claims a preview for one job: the second claim finds the first job; a released claim can be made again', async () => {
    const store = new MemoryStore();
    expect(await claimPreview(store, 'preview-1', 'job-aaaaaaaa')).toEqual({ claimed: true });
    expect(await claimPreview(store, 'preview-1', 'job-bbbbbbbb')).toEqual({
      claimed: false,
      jobId: 'job-aaaaaaaa',
    });
    // Another preview is its own.
    expect(await claimPreview(store, 'preview-2', 'job-cccccccc')).toEqual({ claimed: true });
    await releasePreview(store, 'preview-1');
    expect(await claimPreview(store, 'preview-1', 'job-dddddddd')).toEqual({ claimed: true });
  });
});
