// Storage read per page view at 50,000 issues: the summary, the first page of gaps and the first page of epics
// for a viewer with a few hidden issues must read at most 200 KB from storage (issue 10), whatever the
// project's size — counted in the in-memory stores as Forge meters it (key + JSON value of every record read).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { listEpicRows, listGapRows, readSummaryView } from '../../../../src/app/results/read-model';
import { generateProject } from './generated-project';
import { harnessWith, type Harness } from './harness';

const BUDGET_BYTES = 200_000;

describe('a page view at 50,000 issues', () => {
  const project = generateProject(50_000, 3, { securedShare: 0.0005 });
  const hidden = new Set(project.issues.filter((i) => i.secured).map((i) => i.id));
  const visible = project.issues.filter((i) => !hidden.has(i.id)).map((i) => i.id);
  let h: Harness;
  beforeAll(async () => {
    h = await harnessWith(project);
  }, 120_000);

  async function pageView(): Promise<number> {
    h.entities.resetMeter();
    h.store.bytesRead = 0;
    const ports = h.portsFor(visible);
    const request = h.request('po-1');
    await readSummaryView(ports, request);
    await listGapRows(ports, request, { filter: {}, limit: 100 });
    await listEpicRows(ports, request, { limit: 100 });
    return h.entities.meter.bytesRead + h.store.bytesRead;
  }

  it('reads at most 200 KB, with the visibility cached or not', async () => {
    expect(hidden.size).toBeGreaterThan(5);
    const cold = await pageView();
    const warm = await pageView();
    console.log(`storage read per page view at 50,000 issues: cold ${cold} bytes, cached ${warm} bytes`);
    expect(cold).toBeGreaterThan(warm);
    expect(warm).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(cold).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
