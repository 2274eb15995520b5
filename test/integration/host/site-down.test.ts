// When the embedded site is not answering, the shell says so in words a newcomer can act on, instead of a raw
// "fetch failed".
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { RunningHost } from '../../../sandbox/host';
import { startSite, type RunningSite } from '../../../sandbox/site';
import { createProbeApp, type ProbeApp, startProbeHost } from './probe-app';

let site: RunningSite;
let host: RunningHost;
let probe: ProbeApp;

beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  probe = createProbeApp();
  host = await startProbeHost(site, probe);
  await site.close();
});
afterAll(async () => {
  await host?.close();
  probe?.remove();
});

it('explains that the Jira site did not answer', async () => {
  const response = await fetch(`${host.url}/browse/SHOP-1`, { headers: { accept: 'text/html' } });
  const body = await response.text();
  expect(response.status).toBe(502);
  expect(body).toContain(`The Jira site at ${site.url} did not answer`);
  expect(body).not.toContain('fetch failed');
});
