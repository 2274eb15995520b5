// Benchmark of the gap engine on synthetic projects of 10k and 100k issues, data already in memory.
// Prints the median / min / max time of several runs and the process's peak RSS. No assertions: speed is
// measured here and read by people, never gated in tests. Target: 100k issues in < 1 s, < 300 MB peak RSS
// (the engine is plain code on purpose: a scan of 100k issues spends far longer on its 1,000+ HTTP requests).
// CPU time is printed beside wall time: on a busy machine it is the engine's own cost.
// Run: npm run bench (bundled and run on plain Node, so the RSS is the app's, not a TypeScript loader's).
import { evaluateGaps, type EngineInput } from '../src/domain/gap-engine';
import { GAP_CODES, type Account, type IssueFacts, type Waiver } from '../src/domain/model';
import { parsePolicy } from '../src/domain/policy';

/** mulberry32: a tiny seedable PRNG, so every run benchmarks exactly the same data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Issues go through JSON a page of 100 at a time, as real issue data arrives from Jira's search: strings laid
 * out the way JSON.parse makes them, objects allocated in list order, and every parentKey its own string (not
 * the parent's key object, whose hash a Map would have cached). Paging also keeps the generator's own garbage,
 * and so the RSS, small.
 */
function paged() {
  const parsed: IssueFacts[] = [];
  let page: IssueFacts[] = [];
  const flush = () => {
    parsed.push(...(JSON.parse(JSON.stringify(page)) as IssueFacts[]));
    page = [];
  };
  return {
    push: (issue: IssueFacts) => {
      page.push(issue);
      if (page.length === 100) flush();
    },
    done: () => {
      flush();
      return parsed;
    },
  };
}

/** The same issues as Jira would return them in no particular order: shuffled, then re-read page by page. */
export function inRandomOrder(issues: readonly IssueFacts[], seed = 7): IssueFacts[] {
  const random = prng(seed);
  const order = [...issues];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as IssueFacts, order[i] as IssueFacts];
  }
  const reread = paged();
  for (const issue of order) reread.push(issue);
  return reread.done();
}

const TYPES = {
  initiative: { id: '10002', name: 'Initiative', hierarchyLevel: 2 },
  epic: { id: '10001', name: 'Epic', hierarchyLevel: 1 },
  story: { id: '10003', name: 'Story', hierarchyLevel: 0 },
  task: { id: '10004', name: 'Task', hierarchyLevel: 0 },
  bug: { id: '10005', name: 'Bug', hierarchyLevel: 0 },
  subtask: { id: '10006', name: 'Sub-task', hierarchyLevel: -1 },
} as const;

const START = Date.parse('2023-06-01T00:00:00.000Z');
const NOW = new Date('2025-06-01T00:00:00.000Z');

/**
 * A synthetic scan of `n` issues in project ALPHA plus related issues of BETA. The mix: ~0.5% initiatives,
 * ~4.5% epics, 50% stories, 15% tasks, 15% bugs, 15% sub-tasks; 20% done; most execution issues under an epic
 * (some in BETA), BETA stories under some ALPHA epics; owners on most issues, some ineligible, deactivated,
 * unknown or misplaced, ~3% malformed properties; 1% of issues waived.
 */
export function generateEngineInput(n: number, seed = 42): EngineInput {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const people = Array.from({ length: 200 }, (_, i) => `acc-${i}`);
  const accounts = new Map<string, Account>();
  for (const [i, id] of people.entries()) {
    if (i % 50 === 49) continue; // unknown to Jira
    accounts.set(id, {
      accountId: id,
      displayName: `Person ${i}`,
      active: i % 23 !== 0,
      accountType: i % 61 === 0 ? 'app' : 'atlassian',
    });
  }
  const pmPool = people.slice(0, 40);
  const poPool = people.slice(30, 130);
  const pm = new Set(pmPool);
  const po = new Set(poPool);
  const slot = (accountId: string) => ({ accountId, setBy: accountId, setAt: '2025-01-02T09:00:00.000Z' });
  const ownership = (role: 'pm' | 'po', pool: readonly string[], fill: number): unknown => {
    const r = random();
    if (r < 0.03) return pick([null, { schema: 2 }, { schema: 1, [role]: { accountId: '' } }, 'garbage']);
    if (r < 0.05) return { schema: 1, pm: slot(pick(pool)), po: slot(pick(pool)) }; // one of them misplaced
    if (r < 0.05 + fill) return { schema: 1, [role]: slot(random() < 0.9 ? pick(pool) : pick(people)) };
    return undefined;
  };

  const issues = paged();
  const related = paged();
  const issueKeys: string[] = [];
  const initiatives: string[] = [];
  const epics: string[] = [];
  const betaEpics: string[] = [];
  const parents: string[] = [];
  const make = (
    projectKey: string,
    number: number,
    type: IssueFacts['issueType'],
    parentKey: string | null,
    owner: unknown,
  ): IssueFacts => ({
    id: String(number + (projectKey === 'ALPHA' ? 100000 : 900000)),
    key: `${projectKey}-${number}`,
    projectKey,
    issueType: type,
    summary: `${type.name} ${number} of a synthetic project`,
    statusCategory: random() < 0.2 ? 'done' : pick(['new', 'indeterminate']),
    created: new Date(START + random() * (NOW.getTime() - START)).toISOString(),
    parentKey,
    ownership: owner,
  });

  for (let i = 0; i < Math.max(1, Math.floor(n * 0.01)); i++) {
    const key = `BETA-${i + 1}`;
    betaEpics.push(key);
    related.push(make('BETA', i + 1, TYPES.epic, null, ownership('pm', pmPool, 0.7)));
  }
  for (let number = 1; number <= n; number++) {
    const r = random();
    let issue: IssueFacts;
    if (r < 0.005) {
      issue = make('ALPHA', number, TYPES.initiative, null, ownership('pm', pmPool, 0.7));
      initiatives.push(issue.key);
    } else if (r < 0.05) {
      const parent = initiatives.length > 0 && random() < 0.5 ? pick(initiatives) : null;
      issue = make('ALPHA', number, TYPES.epic, parent, ownership('pm', pmPool, 0.7));
      epics.push(issue.key);
    } else if (r < 0.85) {
      const type = r < 0.55 ? TYPES.story : r < 0.7 ? TYPES.task : TYPES.bug;
      const under = random();
      const parent = under < 0.8 && epics.length > 0 ? pick(epics) : under < 0.85 ? pick(betaEpics) : null;
      issue = make('ALPHA', number, type, parent, ownership('po', poPool, 0.6));
      parents.push(issue.key);
    } else {
      issue = make('ALPHA', number, TYPES.subtask, parents.length > 0 ? pick(parents) : null, undefined);
    }
    issues.push(issue);
    issueKeys.push(issue.key);
  }
  for (let i = 0; i < Math.floor(n * 0.01) && epics.length > 0; i++) {
    related.push(
      make('BETA', betaEpics.length + i + 1, TYPES.story, pick(epics), ownership('po', poPool, 0.6)),
    );
  }
  const waivers: Waiver[] = [];
  for (let i = 0; i < Math.floor(n * 0.01); i++) {
    waivers.push({
      issueKey: pick(issueKeys),
      code: pick(GAP_CODES),
      reason: 'Accepted for this quarter',
      setBy: pick(people),
      expiresAt: random() < 0.7 ? '2025-09-01T00:00:00.000Z' : '2025-03-01T00:00:00.000Z',
    });
  }
  return {
    projectKeys: ['ALPHA'],
    issues: issues.done(),
    related: related.done(),
    policy: parsePolicy({ graceDays: 3 }),
    roster: { ok: true, pm, po },
    accounts,
    waivers,
    now: NOW,
  };
}

/** A full collection when node exposes `gc` (`npm run bench` passes --expose-gc); otherwise nothing. */
function collectGarbage(): void {
  const { gc } = globalThis as { gc?: () => void };
  gc?.();
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function stats(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${fmt(median(sorted))}, min ${fmt(sorted[0] ?? NaN)}, max ${fmt(sorted[sorted.length - 1] ?? NaN)}`;
}

async function measure(label: string, input: EngineInput, runs: number, warmups: number): Promise<void> {
  let gaps = 0;
  for (let i = 0; i < warmups; i++) evaluateGaps(input);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = evaluateGaps(input);
    wall.push(performance.now() - started);
    const cpuUsed = process.cpuUsage(cpuBefore);
    cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    gaps = result.ok ? result.report.gaps.length : -1;
    // Yield between runs so the previous report can be collected outside the next measurement's window, and
    // collect it (node runs with --expose-gc): a scan runs the engine once, so the peak RSS that matters is
    // the data plus one run, not V8 deferring a full collection across fifteen runs' promoted garbage.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
  }
  console.log(
    `evaluateGaps ${label} (+${input.related.length} related), ${runs} runs, ${gaps} gaps\n` +
      `  wall time: ${stats(wall)}\n` +
      // CPU time of the process during each run: on a shared machine it shows the engine's own cost.
      `  CPU time:  ${stats(cpu)}`,
  );
}

/**
 * For each size: issues in key order (what Jira's search usually returns), then the largest size again with
 * the issues shuffled: the report order must not depend on the input's.
 */
export async function runEngineBench(
  options: { sizes?: number[]; runs?: number; warmups?: number } = {},
): Promise<void> {
  const { sizes = [10_000, 100_000], runs = 15, warmups = 3 } = options;
  console.log(`before generating data: RSS ${mb(process.memoryUsage().rss)}`);
  let largest: EngineInput | undefined;
  for (const size of sizes) {
    const input = generateEngineInput(size);
    console.log(`generated ${size.toLocaleString('en')} issues: RSS ${mb(process.memoryUsage().rss)}`);
    await measure(`${size.toLocaleString('en')} issues`, input, runs, warmups);
    largest = input;
  }
  // maxRSS is in kilobytes; it is the peak of the whole process: runtime, generated data and engine.
  console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  if (largest !== undefined) {
    // Ordering is not part of the contract with the scan: show that shuffled input costs about the same.
    const size = largest.issues.length.toLocaleString('en');
    await measure(
      `${size} issues in random order`,
      { ...largest, issues: inRandomOrder(largest.issues) },
      runs,
      warmups,
    );
    console.log(`peak RSS (with the reordered copy): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  }
}
