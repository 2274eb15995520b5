// Stored record shapes: schema-0 records (the fixture) migrate to schema 1, a value in no known shape is
// refused, the manifest declares exactly the entities and indexes the code queries, and the stored sort keys
// order gaps exactly as the engine's report does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareGaps } from '../../../../src/domain/gap-order';
import { GAP_CODES } from '../../../../src/domain/model';
import {
  ENTITY_DEFINITIONS,
  migrateGapRecord,
  migrateIssueRecord,
  type GapRecord,
  type IssueRecord,
} from '../../../../src/app/results/records';
import { gapSortKey } from '../../../../src/app/results/sort-keys';
import { loadManifest } from '../../../../sandbox/host/manifest';
import { REPO_ROOT } from '../../../support/forge-runtime';

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'schema-0-records.json'), 'utf8'),
) as {
  issue: unknown;
  gap: unknown;
};

describe('schema migration', () => {
  it('upgrades a schema-0 issue record', () => {
    expect(migrateIssueRecord(fixture.issue)).toEqual({
      schema: 1,
      projectId: '10000',
      issueId: '20007',
      order: 'ALPHA!0000000000000007!ALPHA-7',
      kind: 'execution',
      epicId: '20002',
      epic: { id: '20002', key: 'ALPHA-2', summary: 'Checkout epic' },
      holder: 'none',
      covered: false,
      gaps: [{ code: 'STORY_WITHOUT_PO', severity: 'error' }],
      waived: [],
      strategyIds: ['20002'],
      storyCount: 0,
      storiesWithPo: 0,
      secured: false,
      facts: (fixture.issue as { facts: IssueRecord['facts'] }).facts,
    } satisfies IssueRecord);
  });

  it('upgrades a schema-0 gap record, waiver and all', () => {
    expect(migrateGapRecord(fixture.gap)).toEqual({
      schema: 1,
      projectId: '10000',
      issueId: '20007',
      issueKey: 'ALPHA-7',
      summary: 'Pay by card',
      issueType: 'Story',
      code: 'STORY_WITHOUT_EPIC',
      severity: 'warning',
      state: 'waived',
      owner: 'none',
      holderEligible: false,
      epicId: 'none',
      waiver: { reason: 'Spike', setBy: 'pm-2', expiresAt: '2099-01-01T00:00:00.000Z' },
      text: 'alpha-7\npay by card',
      sort: gapSortKey('warning', 'STORY_WITHOUT_EPIC', 'ALPHA-7'),
    } satisfies GapRecord);
  });

  it('keeps a schema-1 record as it is, and refuses what it does not know', () => {
    const current = migrateIssueRecord(fixture.issue);
    expect(migrateIssueRecord(structuredClone(current))).toEqual(current);
    expect(() => migrateIssueRecord({ ...current, schema: 2 })).toThrow();
    expect(() => migrateGapRecord({ issueKey: 'ALPHA-1' })).toThrow();
  });
});

describe('entity definitions', () => {
  it('are the ones manifest.yml declares', () => {
    const declared = loadManifest(join(REPO_ROOT, 'manifest.yml')).entities;
    for (const definition of ENTITY_DEFINITIONS) {
      const entity = declared.get(definition.name);
      expect(entity).toBeDefined();
      expect(Object.fromEntries(entity?.attributes ?? [])).toEqual(definition.attributes);
      expect([...(entity?.indexes.values() ?? [])].map((i) => ({ ...i }))).toEqual(definition.indexes);
      // Forge: at most 7 indexes and 50 attributes an entity, attribute names of at most 30 characters.
      expect(definition.indexes.length).toBeLessThanOrEqual(7);
      expect(Object.keys(definition.attributes).length).toBeLessThanOrEqual(50);
      for (const name of Object.keys(definition.attributes)) expect(name.length).toBeLessThanOrEqual(30);
    }
  });
});

describe('gap sort keys', () => {
  const key = fc
    .tuple(
      fc.constantFrom('A', 'AB', 'ABC', 'B', 'A1', 'Z_9'),
      fc.oneof(fc.nat({ max: 2_000_000 }), fc.constant(-1)),
    )
    .map(([project, n]) => (n < 0 ? `${project}-X` : `${project}-${n}`));
  const gap = fc.record({
    severity: fc.constantFrom('error' as const, 'warning' as const),
    code: fc.constantFrom(...GAP_CODES),
    issueKey: key,
  });

  it('order gaps as the report does', () => {
    fc.assert(
      fc.property(gap, gap, (a, b) => {
        const ka = gapSortKey(a.severity, a.code, a.issueKey);
        const kb = gapSortKey(b.severity, b.code, b.issueKey);
        // The store compares strings by code unit, as `<` does.
        const stored = ka === kb ? 0 : ka < kb ? -1 : 1;
        expect(stored).toBe(Math.sign(compareGaps(a, b)));
      }),
      { numRuns: 2_000 },
    );
  });
});
