// Scheduled triggers as Forge runs them: on their own, at a point spread across their interval (not at its
// start), sometimes twice, errors logged and not retried; and wired into the host for the manifest's triggers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '../../support/jest-helpers';
import { startHost, type RunningHost } from '../../../sandbox/host';
import { Scheduler } from '../../../sandbox/host/scheduler';
import { startSite, type RunningSite } from '../../../sandbox/site';
import { createProbeApp, type ProbeApp } from './probe-app';

const trigger = (key: string) => ({ key, functionKey: 'f', interval: 'hour' });

describe('Scheduler', () => {
  it('plans the first run somewhere inside the interval, as the random draw places it', () => {
    const scheduler = new Scheduler(
      [trigger('a')],
      () => Promise.resolve(),
      () => {},
      {
        random: () => 0.25,
        intervalMs: () => 3_600_000,
      },
    );
    const before = Date.now();
    scheduler.start();
    const after = Date.now();
    const [planned] = scheduler.planned();
    expect(planned?.key).toBe('a');
    expect(planned?.at).toBeGreaterThanOrEqual(before + 900_000);
    expect(planned?.at).toBeLessThanOrEqual(after + 900_000);
    scheduler.close();
  });

  it('runs a trigger on its own, and twice when the duplicate draw says so; a failure is logged, not retried', async () => {
    const runs: string[] = [];
    const logged: string[] = [];
    const scheduler = new Scheduler(
      [trigger('nightly')],
      (key) => {
        runs.push(key);
        return Promise.reject(new Error('nope'));
      },
      (line) => logged.push(line),
      { random: () => 0.5, duplicateChance: 1, intervalMs: () => 400 },
    );
    scheduler.start();
    // 0.5 of the interval in, then the duplicate half a minute's share later: two runs of one schedule.
    await waitFor(() => expect(runs).toEqual(['nightly', 'nightly']), { timeout: 15_000 });
    expect(logged.every((l) => l.includes('Forge does not retry it'))).toBe(true);
    scheduler.close();
  });
});

describe('the host', () => {
  let site: RunningSite;
  let probe: ProbeApp;
  let host: RunningHost;
  beforeAll(async () => {
    site = await startSite({ dataDir: null, port: 0 });
    probe = createProbeApp();
    host = await startHost({
      port: 0,
      dataDir: null,
      site,
      rootDir: probe.rootDir,
      loadModule: probe.loadModule,
      log: () => {},
      scheduler: { random: () => 0.1, duplicateChance: 0, intervalMs: () => 200 },
    });
  });
  afterAll(async () => {
    await host?.close();
    await site?.close();
    probe?.remove();
  });

  it("runs the manifest's scheduled trigger without being asked, as the app with no user", async () => {
    await waitFor(() => expect(probe.record.scheduled.length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    expect(probe.record.scheduled[0]).toMatchObject({
      context: { moduleKey: 'nightly', userAccess: { enabled: false } },
    });
    expect(host.scheduler?.planned().map((p) => p.key)).toEqual(['nightly']);
  });
});
