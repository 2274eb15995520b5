// Stored results in memory for the read-model tests and the bench: a project generated and evaluated by the
// engine, built and written through ResultStore into a MemoryEntityStore and a byte-counting MemoryStore, and
// read ports for a viewer whose id search (the fake as-user client) finds exactly the ids given.
import { evaluateGaps, type EngineInput } from '../../../../src/domain/gap-engine';
import type { GapReport } from '../../../../src/domain/model';
import { buildResults, type BuiltResults } from '../../../../src/app/results/build-results';
import type { ReadModelPorts, ReadRequest } from '../../../../src/app/results/read-model';
import { ResultStore } from '../../../../src/app/results/result-store';
import type { IdFinder } from '../../../../src/app/results/visibility';
import { scanJql } from '../../../../src/app/scan';
import { FakeJira } from '../../../support/fake-jira';
import { MemoryEntityStore } from '../../../support/memory-entity-store';
import { MemoryStore } from '../../../support/memory-store';
import { TEST_NOW } from '../../../support/builders';
import { OTHERS, PMS, POS, PROJECT, type GeneratedProject } from './generated-project';

/** A MemoryStore that counts what is read and written, as the entity store does. */
export class CountingStore extends MemoryStore {
  bytesRead = 0;
  bytesWritten = 0;
  override async get<T>(key: string): Promise<T | undefined> {
    const value = await super.get<T>(key);
    if (value !== undefined)
      this.bytesRead += Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
    return value;
  }
  override async set(key: string, value: unknown): Promise<void> {
    this.bytesWritten += Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
    await super.set(key, value);
  }
}

export function reportOf(input: EngineInput): GapReport {
  const result = evaluateGaps(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.report;
}

export function built(project: GeneratedProject, report = reportOf(project.input)): BuiltResults {
  return buildResults({
    project: PROJECT,
    policy: project.input.policy,
    issues: project.issues,
    related: project.related,
    report,
    scannedAt: TEST_NOW.toISOString(),
    eligibility: {
      roster: project.input.roster as Extract<EngineInput['roster'], { ok: true }>,
      accounts: project.input.accounts,
    },
  });
}

export interface Harness {
  entities: MemoryEntityStore;
  store: CountingStore;
  jira: FakeJira;
  results: ResultStore;
  clock: { now: () => Date };
  /** Read ports for a viewer who may see exactly `visible`; `searches` counts their id searches. */
  portsFor(visible: readonly string[]): ReadModelPorts & { searches: { count: number } };
  request(accountId: string): ReadRequest;
}

export async function harnessWith(project: GeneratedProject): Promise<Harness> {
  const entities = new MemoryEntityStore();
  const store = new CountingStore();
  const clock = { now: () => TEST_NOW };
  const results = new ResultStore({ entities, store, clock });
  await results.writeResults(PROJECT.id, built(project));
  const jira = new FakeJira();
  jira.addUsers(
    ...[...PMS, ...POS].map((accountId) => ({ accountId })),
    { accountId: OTHERS[0] as string },
    { accountId: OTHERS[1] as string, active: false },
  );
  return {
    entities,
    store,
    jira,
    results,
    clock,
    portsFor(visible) {
      const searches = { count: 0 };
      const findIds: IdFinder = async function* () {
        searches.count += 1;
        // Jira answers in pages; two pages are enough to show the pages are joined.
        const half = Math.ceil(visible.length / 2);
        yield visible.slice(0, half);
        await Promise.resolve();
        yield visible.slice(half);
      };
      return { jira: jira.app, userJira: jira.app, store, entities, clock, findIds, searches };
    },
    request(accountId) {
      return {
        project: { id: PROJECT.id, key: PROJECT.key },
        accountId,
        jql: scanJql(PROJECT.key, { includeDone: false }),
      };
    },
  };
}
