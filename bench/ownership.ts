// Ownership cost against the embedded site, counted where Jira meters it: Jira requests per issue-context
// header (the lozenge), per compact section (cold, then warm with role sources cached for five minutes) and
// per assignment (a direct role actor and a group member; exactly one property write each). Every request
// waits BENCH_SCAN_LATENCY_MS (default 100 ms). Prints a table; asserts nothing.
import { changeOwnership } from '../src/app/change-ownership';
import { describeContext, describeStatus } from '../src/app/describe-context';
import type { OwnershipPorts } from '../src/app/ports';
import { defaultPolicy } from '../src/domain/policy';
import { createJiraClient, fetchTransport, type JiraTransport } from '../src/jira';
import { DEMO, startSite } from '../sandbox/site';
import { MemoryStore } from '../test/support/memory-store';

const DEFAULT_LATENCY_MS = 100;

interface Meter {
  requests: number;
  writes: number;
}

function metered(transport: JiraTransport, meter: Meter): JiraTransport {
  return (request) => {
    meter.requests += 1;
    if (request.method === 'PUT') meter.writes += 1;
    return transport(request);
  };
}

export async function runOwnershipBench(): Promise<void> {
  const raw = process.env.BENCH_SCAN_LATENCY_MS;
  const latency = raw === undefined || raw === '' ? DEFAULT_LATENCY_MS : Number(raw);
  const site = await startSite({ dataDir: null, port: 0 });
  site.faults.set({ latencyMs: latency });
  try {
    const user = DEMO.adminUser;
    const transport = fetchTransport({ siteUrl: site.url, email: user.email, apiToken: user.apiToken });
    const store = new MemoryStore();
    const policy = defaultPolicy();
    const project = site.state.getProject(DEMO.projectKey);
    const storyType = project && site.state.issueTypesOf(project).find((t) => t.name === 'Story');
    if (!project || !storyType) throw new Error('demo project without stories');
    const newStory = (summary: string) => {
      const issue = site.state.createIssue(
        {
          projectId: project.id,
          issueTypeId: storyType.id,
          summary,
          parentId: null,
          assigneeId: null,
          reporterId: user.accountId,
        },
        user.accountId,
      );
      return { id: issue.id, key: issue.key, projectId: project.id };
    };

    const rows: Array<[string, Meter, string, number]> = [];
    async function measure(label: string, budget: string, run: (ports: OwnershipPorts) => Promise<unknown>) {
      const meter: Meter = { requests: 0, writes: 0 };
      const ports: OwnershipPorts = {
        jira: createJiraClient(metered(transport, meter)),
        userJira: createJiraClient(metered(transport, meter)),
        clock: { now: () => new Date() },
        store,
      };
      const started = performance.now();
      await run(ports);
      rows.push([label, meter, budget, performance.now() - started]);
    }

    const epic = site.state.getIssue(DEMO.issues.coveredEpic);
    if (!epic) throw new Error('demo epic missing');
    const epicRef = { id: epic.id, key: epic.key, projectId: project.id };
    const viewer = user.accountId;
    await measure('header lozenge (cold)', '<= 2', (p) => describeStatus(p, { issue: epicRef, policy }));
    const story = newStory('Bench: assign a direct actor');
    await measure('compact section, cold', '<= 6', (p) =>
      describeContext(p, { issue: story, viewer, policy }),
    );
    await measure('compact section, warm', '<= 3', (p) =>
      describeContext(p, { issue: story, viewer, policy }),
    );
    await measure('header lozenge (warm)', '<= 2', (p) => describeStatus(p, { issue: epicRef, policy }));
    await measure('assign (direct role actor)', '<= 4, 1 write', (p) =>
      changeOwnership(p, {
        issue: story,
        viewer,
        policy,
        change: { kind: 'assign', accountId: DEMO.people.poDirect.accountId },
        expected: null,
      }),
    );
    const second = newStory('Bench: assign a group member');
    await measure('assign (via a role group)', '<= 5, 1 write', (p) =>
      changeOwnership(p, {
        issue: second,
        viewer,
        policy,
        change: { kind: 'assign', accountId: DEMO.people.poViaGroup.accountId },
        expected: null,
      }),
    );

    console.log(`\nOwnership (embedded site, ${latency} ms added latency per request)`);
    console.log('what                              Jira requests   writes   budget          wall ms');
    for (const [label, meter, budget, wall] of rows) {
      console.log(
        `${label.padEnd(33)} ${String(meter.requests).padStart(13)}   ${String(meter.writes).padStart(6)}   ${budget.padEnd(14)} ${wall.toFixed(0).padStart(8)}`,
      );
    }
  } finally {
    await site.close();
  }
}
