// Forge custom entities in the local KVS, driven through the real @forge/kvs 1.6.5 against a manifest of this
// test's own (so the app's real entities can change without touching these tests).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  Filter,
  FilterConditions,
  kvs,
  MetadataField,
  Sort,
  WhereConditions,
  type ForgeKvsAPIError,
} from '@forge/kvs';
import { handleKvsRequest } from '../../../sandbox/host/kvs-api';
import { KvsStore } from '../../../sandbox/host/kvs-store';
import { parseManifest, type AppManifest } from '../../../sandbox/host/manifest';
import { SANDBOX_APP, setFallbackInvocation } from '../../../sandbox/host/runtime';

const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
  storage:
    entities:
      - name: test-gap
        attributes:
          projectId: { type: string }
          code: { type: string }
          owner: { type: string }
          rank: { type: integer }
          score: { type: float }
          waived: { type: boolean }
          summary: { type: string }
          tags: { type: any }
        indexes:
          - owner
          - name: by-project
            partition: [projectId]
            range: [rank]
          - name: by-project-code
            partition: [projectId, code]
            range: [rank]
          - name: by-project-owner
            partition: [projectId]
            range: [owner]
modules: {}
`;

interface Gap {
  projectId: string;
  code: string;
  owner?: string;
  rank: number;
  score?: number;
  waived?: boolean;
  summary?: string;
  tags?: string[];
}

let manifest: AppManifest;
let store: KvsStore;
const gaps = () => kvs.entity<Gap>('test-gap');

beforeEach(() => {
  manifest = parseManifest(MANIFEST);
  store = new KvsStore(null);
  setFallbackInvocation({
    backend: {
      fetch: (d, path, init) =>
        d.type === 'kvs'
          ? handleKvsRequest(store, path, init, manifest.entities)
          : Promise.reject(new Error('not kvs')),
    },
    app: SANDBOX_APP,
    invocationId: 'entities-test',
    functionKey: 'f',
    moduleKey: 'm',
    moduleType: 't',
    deadline: Date.now() + 25_000,
  });
});
afterEach(() => setFallbackInvocation(undefined));

async function kvsError(promise: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await promise;
  } catch (error) {
    return error as ForgeKvsAPIError;
  }
  throw new Error('expected the KVS call to fail');
}

async function seed(records: Array<[string, Gap]>): Promise<void> {
  for (let i = 0; i < records.length; i += 25) {
    const batch = records.slice(i, i + 25).map(([key, value]) => ({ key, value, entityName: 'test-gap' }));
    const result = await kvs.batchSet(batch);
    expect(result.failedKeys).toEqual([]);
  }
}

const keysOf = (page: { results: Array<{ key: string }> }) => page.results.map((r) => r.key);

describe('the manifest declarations', () => {
  it('reads attributes and indexes, a bare index name being its own range attribute', () => {
    const entity = manifest.entities.get('test-gap');
    expect(entity?.attributes.get('rank')).toBe('integer');
    expect(entity?.indexes.get('owner')).toEqual({ name: 'owner', partition: [], range: 'owner' });
    expect(entity?.indexes.get('by-project-code')).toEqual({
      name: 'by-project-code',
      partition: ['projectId', 'code'],
      range: 'rank',
    });
  });

  it('refuses what forge deploy refuses: an index on an undeclared attribute, by-key, more than 7 indexes', () => {
    const withIndexes = (indexes: string) =>
      `app:\n  id: x\n  storage:\n    entities:\n      - name: thing\n        attributes:\n          a: { type: string }\n        indexes: ${indexes}\n`;
    expect(() => parseManifest(withIndexes('[b]'))).toThrow(/attribute b, which is not declared/);
    expect(() => parseManifest(withIndexes('[{ name: by-key, range: [a] }]'))).toThrow(/by-key/);
    const eight = JSON.stringify(Array.from({ length: 8 }, (_, i) => ({ name: `i${i}`, range: ['a'] })));
    expect(() => parseManifest(withIndexes(eight))).toThrow(/more than 7 indexes/);
  });
});

describe('custom entity values', () => {
  it('stores and reads a value of declared attributes', async () => {
    await gaps().set('g1', {
      projectId: '10000',
      code: 'X',
      rank: 1,
      score: 0.5,
      waived: false,
      tags: ['a'],
    });
    expect(await gaps().get('g1')).toEqual({
      projectId: '10000',
      code: 'X',
      rank: 1,
      score: 0.5,
      waived: false,
      tags: ['a'],
    });
  });

  it('refuses a value whose attribute has the wrong type, overflows int32, or is not declared', async () => {
    for (const value of [
      { projectId: '10000', code: 'X', rank: '1' },
      { projectId: '10000', code: 'X', rank: 1.5 },
      { projectId: '10000', code: 'X', rank: 2_147_483_648 },
      { projectId: 10000, code: 'X', rank: 1 },
      { projectId: '10000', code: 'X', rank: 1, waived: 'no' },
      { projectId: '10000', code: 'X', rank: 1, undeclared: true },
    ]) {
      const error = await kvsError(gaps().set('bad', value as unknown as Gap));
      expect([error.code, JSON.stringify(value)]).toEqual(['INVALID_ENTITY_VALUE', JSON.stringify(value)]);
    }
    expect(await gaps().get('bad')).toBeUndefined();
  });

  it('refuses an entity the manifest does not declare, on every path', async () => {
    const other = kvs.entity<{ a: string }>('not-declared');
    expect((await kvsError(other.set('k', { a: 'x' }))).code).toBe('INVALID_ENTITY_TYPE');
    expect((await kvsError(other.get('k'))).code).toBe('INVALID_ENTITY_TYPE');
    expect((await kvsError(other.delete('k'))).code).toBe('INVALID_ENTITY_TYPE');
    expect((await kvsError(other.query().index('a').getMany())).code).toBe('INVALID_ENTITY_TYPE');
    const batch = await kvs.batchSet([{ key: 'k', value: { a: 'x' }, entityName: 'not-declared' }]);
    expect(batch.failedKeys).toMatchObject([{ key: 'k', error: { code: 'INVALID_ENTITY_TYPE' } }]);
  });

  it('checks batch and transaction values against the entity', async () => {
    const batch = await kvs.batchSet([
      { key: 'ok', value: { projectId: '1', code: 'A', rank: 1 }, entityName: 'test-gap' },
      { key: 'bad', value: { projectId: '1', code: 'A', rank: 'one' }, entityName: 'test-gap' },
    ]);
    expect(batch.successfulKeys).toEqual([{ key: 'ok', entityName: 'test-gap' }]);
    expect(batch.failedKeys).toMatchObject([{ key: 'bad', error: { code: 'INVALID_ENTITY_VALUE' } }]);
    const error = await kvsError(
      kvs
        .transact()
        .set('t1', { projectId: '1', code: 'A', rank: 1 }, { entityName: 'test-gap' })
        .set('t2', { projectId: '1', rank: true }, { entityName: 'test-gap' })
        .execute(),
    );
    expect(error.code).toBe('INVALID_ENTITY_VALUE');
    expect(await gaps().get('t1')).toBeUndefined();
  });

  it('refuses a value over 240 KiB as for any KVS value', async () => {
    const summary = 'x'.repeat(240 * 1024);
    const error = await kvsError(gaps().set('big', { projectId: '1', code: 'A', rank: 1, summary }));
    expect(error.code).toBe('VALUE_TOO_LARGE');
  });
});

describe('custom entity index queries', () => {
  beforeEach(async () => {
    const owners = ['ana', 'ben', 'cleo', 'dev'];
    const records: Array<[string, Gap]> = [];
    for (let i = 0; i < 12; i++) {
      records.push([
        `p1-${String(i).padStart(2, '0')}`,
        {
          projectId: '10000',
          code: i % 3 === 0 ? 'EPIC_WITHOUT_PM' : 'STORY_WITHOUT_PO',
          owner: owners[i % 4],
          rank: 12 - i,
          waived: i % 5 === 0,
          summary: i % 2 === 0 ? `Checkout step ${i}` : `Search tweak ${i}`,
          tags: i % 4 === 0 ? ['mobile'] : ['web'],
        },
      ]);
    }
    records.push(['p2-00', { projectId: '10001', code: 'EPIC_WITHOUT_PM', owner: 'ana', rank: 1 }]);
    await seed(records);
  });

  it('returns only the partition asked for, ordered by the range attribute', async () => {
    const page = await gaps()
      .query()
      .index('by-project', { partition: ['10000'] })
      .limit(100)
      .getMany();
    expect(page.results).toHaveLength(12);
    expect(page.results.map((r) => r.value.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(page.nextCursor).toBeUndefined();
    const other = await gaps()
      .query()
      .index('by-project', { partition: ['10001'] })
      .getMany();
    expect(keysOf(other)).toEqual(['p2-00']);
    const twoPart = await gaps()
      .query()
      .index('by-project-code', { partition: ['10000', 'EPIC_WITHOUT_PM'] })
      .getMany();
    expect(twoPart.results.map((r) => r.value.rank)).toEqual([3, 6, 9, 12]);
  });

  it('sorts descending on request', async () => {
    const page = await gaps()
      .query()
      .index('by-project', { partition: ['10000'] })
      .sort(Sort.DESC)
      .limit(5)
      .getMany();
    expect(page.results.map((r) => r.value.rank)).toEqual([12, 11, 10, 9, 8]);
  });

  it('applies every range condition to the range attribute', async () => {
    type Where = Parameters<ReturnType<ReturnType<ReturnType<typeof gaps>['query']>['index']>['where']>[0];
    const ranks = async (condition: Where) =>
      (
        await gaps()
          .query()
          .index('by-project', { partition: ['10000'] })
          .where(condition)
          .limit(100)
          .getMany()
      ).results.map((r) => r.value.rank);
    expect(await ranks(WhereConditions.equalTo(4))).toEqual([4]);
    expect(await ranks(WhereConditions.between(3, 5))).toEqual([3, 4, 5]);
    expect(await ranks(WhereConditions.greaterThan(10))).toEqual([11, 12]);
    expect(await ranks(WhereConditions.greaterThanEqualTo(10))).toEqual([10, 11, 12]);
    expect(await ranks(WhereConditions.lessThan(3))).toEqual([1, 2]);
    expect(await ranks(WhereConditions.lessThanEqualTo(3))).toEqual([1, 2, 3]);
    const owners = await gaps()
      .query()
      .index('by-project-owner', { partition: ['10000'] })
      .where(WhereConditions.beginsWith('c'))
      .getMany();
    expect(owners.results.map((r) => r.value.owner)).toEqual(['cleo', 'cleo', 'cleo']);
  });

  it('filters on other attributes with and / or and every filter condition', async () => {
    const filtered = async (filter: { filters(): unknown }) =>
      (
        await gaps()
          .query()
          .index('by-project', { partition: ['10000'] })
          .filters(filter as never)
          .limit(100)
          .getMany()
      ).results.map((r) => r.value.rank);
    const f = () => new Filter<Gap>();
    expect(
      await filtered(
        f()
          .and('code', FilterConditions.equalTo('EPIC_WITHOUT_PM'))
          .and('waived', FilterConditions.equalTo(true)),
      ),
    ).toEqual([12]);
    expect(
      await filtered(
        f().or('owner', FilterConditions.equalTo('ana')).or('owner', FilterConditions.equalTo('ben')),
      ),
    ).toEqual([3, 4, 7, 8, 11, 12]);
    expect(await filtered(f().and('summary', FilterConditions.contains('Checkout')))).toEqual([
      2, 4, 6, 8, 10, 12,
    ]);
    expect(await filtered(f().and('summary', FilterConditions.notContains('Checkout')))).toEqual([
      1, 3, 5, 7, 9, 11,
    ]);
    expect(await filtered(f().and('tags', FilterConditions.contains('mobile')))).toEqual([4, 8, 12]);
    expect(await filtered(f().and('owner', FilterConditions.notEqualTo('ana')))).toEqual([
      1, 2, 3, 5, 6, 7, 9, 10, 11,
    ]);
    expect(await filtered(f().and('code', FilterConditions.beginsWith('EPIC')))).toEqual([3, 6, 9, 12]);
    expect(await filtered(f().and('rank', FilterConditions.between(2, 4)))).toEqual([2, 3, 4]);
    expect(await filtered(f().and('rank', FilterConditions.greaterThan(11)))).toEqual([12]);
    expect(await filtered(f().and('rank', FilterConditions.lessThanEqualTo(1)))).toEqual([1]);
  });

  it('filters on existence, and leaves records without the range attribute out of the index', async () => {
    await gaps().set('no-owner', { projectId: '10000', code: 'X', rank: 100 });
    const withOwner = await gaps()
      .query()
      .index('by-project', { partition: ['10000'] })
      .filters(new Filter<Gap>().and('owner', FilterConditions.exists()))
      .limit(100)
      .getMany();
    expect(keysOf(withOwner)).not.toContain('no-owner');
    expect(withOwner.results).toHaveLength(12);
    const without = await gaps()
      .query()
      .index('by-project', { partition: ['10000'] })
      .filters(new Filter<Gap>().and('owner', FilterConditions.notExists()))
      .limit(100)
      .getMany();
    expect(keysOf(without)).toEqual(['no-owner']);
    const byOwner = await gaps()
      .query()
      .index('by-project-owner', { partition: ['10000'] })
      .limit(100)
      .getMany();
    expect(keysOf(byOwner)).not.toContain('no-owner');
  });

  it('refuses an undeclared index, a missing partition, a limit outside 1-100 and mixed and/or', async () => {
    expect((await kvsError(gaps().query().index('by-severity').getMany())).code).toBe('INVALID_ENTITY_INDEX');
    expect((await kvsError(gaps().query().index('by-project').getMany())).code).toBe('BAD_REQUEST');
    const limited = (n: number) =>
      gaps()
        .query()
        .index('by-project', { partition: ['10000'] })
        .limit(n)
        .getMany();
    expect((await kvsError(limited(101))).code).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    expect((await kvsError(limited(0))).code).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    const response = await handleKvsRequest(
      store,
      '/api/v1/entity/query',
      {
        method: 'POST',
        body: JSON.stringify({
          entityName: 'test-gap',
          indexName: 'owner',
          filters: {
            and: [{ property: 'rank', condition: 'EQUAL_TO', values: [1] }],
            or: [{ property: 'rank', condition: 'EQUAL_TO', values: [2] }],
          },
        }),
      },
      manifest.entities,
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('INVALID_FILTER_OPERATORS_COMBINATION');
  });

  it('gives each record as key and value, with only the metadata asked for', async () => {
    const plain = await gaps()
      .query()
      .index('by-project', { partition: ['10001'] })
      .getMany();
    expect(plain.results).toEqual([
      { key: 'p2-00', value: { projectId: '10001', code: 'EPIC_WITHOUT_PM', owner: 'ana', rank: 1 } },
    ]);
    const withCreated = await kvs
      .entity<Gap>('test-gap')
      .query({ metadataFields: [MetadataField.CREATED_AT] })
      .index('by-project', { partition: ['10001'] })
      .getMany();
    expect(withCreated.results).toEqual([
      expect.objectContaining({ key: 'p2-00', createdAt: expect.any(Number) as unknown }),
    ]);
    expect(withCreated.results[0]).not.toHaveProperty('updatedAt');
  });

  it('answers 10 records when no limit is given', async () => {
    const page = await gaps()
      .query()
      .index('by-project', { partition: ['10000'] })
      .getMany();
    expect(page.results).toHaveLength(10);
    expect(page.nextCursor).toEqual(expect.any(String));
  });
});

describe('paging a custom entity index', () => {
  const TOTAL = 250;
  beforeEach(async () => {
    const records: Array<[string, Gap]> = Array.from({ length: TOTAL }, (_, i) => [
      `g-${String((i * 7919) % 1000).padStart(4, '0')}`,
      // Duplicate ranks (i % 50), so the order falls back to the key within a rank.
      { projectId: '10000', code: i % 2 ? 'A' : 'B', owner: `u${i % 40}`, rank: i % 50 },
    ]);
    await seed(records);
  });

  async function pageAll(build: () => ReturnType<ReturnType<ReturnType<typeof gaps>['query']>['index']>) {
    const seen: Array<{ key: string; rank: number }> = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = build().limit(100);
      const page = await (cursor ? query.cursor(cursor) : query).getMany();
      seen.push(...page.results.map((r) => ({ key: r.key, rank: r.value.rank })));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    return { seen, pages };
  }

  it('visits every record once, in range-then-key order, in 3 pages of at most 100', async () => {
    const { seen, pages } = await pageAll(() =>
      gaps()
        .query()
        .index('by-project', { partition: ['10000'] }),
    );
    expect(pages).toBe(3);
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen.map((s) => s.key)).size).toBe(TOTAL);
    const expected = [...seen].sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : 1));
    expect(seen).toEqual(expected);
  });

  it('pages descending just as completely', async () => {
    const { seen } = await pageAll(() =>
      gaps()
        .query()
        .index('by-project', { partition: ['10000'] })
        .sort(Sort.DESC),
    );
    expect(seen).toHaveLength(TOTAL);
    expect(seen[0]?.rank).toBe(49);
    expect(seen[TOTAL - 1]?.rank).toBe(0);
  });

  it('finds every filtered record only by following the cursor to the end', async () => {
    const { seen } = await pageAll(() =>
      gaps()
        .query()
        .index('by-project', { partition: ['10000'] })
        .filters(new Filter<Gap>().and('code', FilterConditions.equalTo('A'))),
    );
    expect(seen).toHaveLength(TOTAL / 2);
  });

  it('refuses a cursor from another query', async () => {
    const first = await gaps()
      .query()
      .index('by-project', { partition: ['10000'] })
      .limit(5)
      .getMany();
    const error = await kvsError(
      gaps()
        .query()
        .index('owner')
        .cursor(first.nextCursor as string)
        .getMany(),
    );
    expect(error.code).toBe('INVALID_CURSOR');
  });
});
