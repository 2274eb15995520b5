// The notification run in the local Forge host, end to end with the real handlers: the Sandbox's "run the
// scheduled job now" runs the hourly trigger, the project and recipient consumers follow through the host's
// queue, and the outbox page lists what the embedded site delivered. Run again in the same hour, nothing more
// is sent (the same run, every recipient claimed).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { register } from '../../../src/app/enablement';
import { forgeStore } from '../../../src/forge/store';
import { startHost, type RunningHost } from '../../../sandbox/host';
import { createBackend } from '../../../sandbox/host/backend';
import { embeddedSiteGateway } from '../../../sandbox/host/product';
import { SANDBOX_APP, runInvocation } from '../../../sandbox/host/runtime';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { dueNow, readOutbox, saveSettings, TestClock } from '../../support/notify-harness';
import { adminJira } from '../../support/scan-job-stand-ins';

let site: RunningSite;
let host: RunningHost;
const SHOP = { id: DEMO.projectId, key: DEMO.projectKey };

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  host = await startHost({ dataDir: null, site, scheduler: false, log: () => {} });
  // Registered as enabling it on the Alignment page would (the daily scan's list of projects).
  const backend = createBackend({
    manifest: host.manifest,
    kvs: host.kvs,
    queue: host.queue,
    product: embeddedSiteGateway(site),
  });
  await runInvocation(
    {
      backend,
      app: SANDBOX_APP,
      invocationId: 'setup',
      functionKey: 'setup',
      moduleKey: 'setup',
      moduleType: 'test',
      deadline: Date.now() + 25_000,
    },
    () => register(forgeStore, SHOP, { now: () => new Date() }),
  );
  await host.runScheduled('role-split-daily-scan');
  await host.queue.whenIdle();
}, 120_000);
afterAll(async () => {
  await host.close();
  await site.close();
});

async function runNow(): Promise<string> {
  const reply = await fetch(`${host.url}/_host/notify/run-now`, { method: 'POST', redirect: 'manual' });
  expect(reply.status).toBe(303);
  await host.queue.whenIdle();
  return decodeURIComponent(reply.headers.get('location') ?? '');
}

describe('run the scheduled job now', () => {
  it('sends the due project its digests, one email per person, and the outbox page shows them', async () => {
    await saveSettings(adminJira(site), SHOP.id, dueNow(new TestClock(Date.now())));
    const ran = await runNow();
    expect(ran).toContain('/sandbox/outbox?ran=');
    const outbox = await readOutbox(site);
    expect(outbox.length).toBeGreaterThan(0);
    const people = outbox.map((m) => m.recipients.map((r) => r.accountId));
    for (const to of people) expect(to).toHaveLength(1);
    expect(new Set(people.flat()).size).toBe(outbox.length);
    expect(people.flat()).toContain(DEMO.people.pmDirect.accountId);

    const page = await (await fetch(`${host.url}/sandbox/outbox`)).text();
    expect(page).toContain('Outbox');
    expect(page).toContain('Run the scheduled job now');
    expect(page).toContain('data-impersonation="granted"');
    expect(page).toContain(outbox[0]?.subject ?? 'no subject');

    await runNow();
    expect(await readOutbox(site)).toHaveLength(outbox.length);
  }, 120_000);

  it('lets the site refuse offline impersonation, and turn outgoing mail off, from the outbox page', async () => {
    const reply = await fetch(`${host.url}/_host/impersonation`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'granted=0&back=%2Fsandbox%2Foutbox',
    });
    expect(reply.status).toBe(303);
    const page = await (await fetch(`${host.url}/sandbox/outbox`)).text();
    expect(page).toContain('data-impersonation="refused"');
    expect(host.viewer.impersonationGranted()).toBe(false);

    const mail = await fetch(`${host.url}/_host/outgoing-mail`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'granted=0&back=%2Fsandbox%2Foutbox',
    });
    expect(mail.status).toBe(303);
    expect(await (await fetch(`${host.url}/sandbox/outbox`)).text()).toContain('data-outgoing-mail="off"');
  });
});
