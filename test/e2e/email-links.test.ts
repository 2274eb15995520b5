// The links in the sandbox's emails, opened as a person would: the notification run starts from the outbox
// page's own button, and the mute link and an issue link are taken from the email the outbox shows. The digest
// builds them from the site's base URL (a project's `self`), as on Jira, where one origin serves the REST API and
// the pages; the embedded site redirects those page addresses to the host, which serves them at Jira's own URL
// shape (`/jira/software/projects/SHOP/apps/{appId}/{envId}/mute`). Nothing here builds a URL itself.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { register } from '../../src/app/enablement';
import { muteKey } from '../../src/app/notify/mute-store';
import { forgeStore } from '../../src/forge/store';
import { startHost, type RunningHost } from '../../sandbox/host';
import { createBackend } from '../../sandbox/host/backend';
import { embeddedSiteGateway } from '../../sandbox/host/product';
import { SANDBOX_APP, runInvocation } from '../../sandbox/host/runtime';
import { DEMO, startSite, type RunningSite } from '../../sandbox/site';
import { launchChromium } from '../support/chromium';
import { describeIf, poll } from '../support/jest-helpers';
import { dueNow, saveSettings, TestClock } from '../support/notify-harness';
import { adminJira } from '../support/scan-job-stand-ins';
import { HAS_CHROMIUM, appFrame, newPage, screenshot, seriousAxeFindings, type Sandbox } from './support';

let sandbox: Sandbox;
const SHOP = { id: DEMO.projectId, key: DEMO.projectKey };
const person = DEMO.people.pmDirect;

/** Site and host as `npm start` wires them: the site knows the host's URL once it listens. */
async function startLinkedSandbox(): Promise<Sandbox> {
  let hostUrl: string | null = null;
  const site: RunningSite = await startSite({ dataDir: null, port: 0, hostUrl: () => hostUrl });
  const host: RunningHost = await startHost({
    port: 0,
    dataDir: null,
    site,
    scheduler: false,
    log: () => {},
  });
  hostUrl = host.url;
  for (const user of DEMO.users) await host.viewer.setConsent(user.accountId, true);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  return {
    site,
    host,
    browser,
    context,
    async close() {
      await browser.close();
      await host.close();
      await site.close();
    },
  };
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  sandbox = await startLinkedSandbox();
  const { site, host } = sandbox;
  // SHOP enabled (as "Enable" on the Alignment page registers it), scanned, and due for emails this hour.
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
  await saveSettings(adminJira(site), SHOP.id, dueNow(new TestClock(Date.now())));
}, 180_000);
afterAll(async () => {
  await sandbox?.close();
});

/** Who muted SHOP's reminders, from the host's KVS (the key the run's planner reads). */
function mutedInHost(): string[] {
  const prefix = muteKey(DEMO.projectId, '');
  return sandbox.host.kvs.query({ prefix, limit: 100 }).data.map((entry) => entry.key.slice(prefix.length));
}

describeIf(HAS_CHROMIUM)('The links in the sandbox’s emails', () => {
  let email = '';

  it('runs the scheduled job from the outbox page, which says what it did in words', async () => {
    const page = await newPage(sandbox, { colorMode: 'light', actAs: DEMO.adminUser.accountId });
    await page.goto(`${sandbox.host.url}/sandbox/outbox`);
    await Promise.all([page.waitForNavigation(), page.click('#notify-run-now')]);
    const ran = (await page.textContent('[data-ran]'))?.trim() ?? '';
    expect(ran).toMatch(/^Run \d{10} started: 1 project queued;/);

    // The digests follow through the host's queue; the outbox lists the person's once it is sent.
    await sandbox.host.queue.whenIdle();
    await page.reload();
    const message = page.locator('.outbox__message', {
      has: page.locator('[data-recipients]', { hasText: person.displayName }),
    });
    expect(await message.count()).toBe(1);
    email = (await message.locator('pre.outbox__text').first().textContent()) ?? '';
    expect(email).toContain(`Mute these reminders for ${DEMO.projectKey}: `);
  }, 120_000);

  it('opens an issue link from the email on that issue’s view', async () => {
    const link = /https?:\/\/\S+\/browse\/([A-Z]+-\d+)/.exec(email);
    expect(link).not.toBeNull();
    const [url, key] = [link?.[0] ?? '', link?.[1] ?? ''];
    // The link is the site's (as Jira's are): the site sends the browser on to the page.
    expect(url.startsWith(sandbox.site.url)).toBe(true);
    const page = await newPage(sandbox, { colorMode: 'light', actAs: person.accountId });
    const reply = await page.goto(url);
    expect(reply?.status()).toBe(200);
    expect(page.url()).toBe(`${sandbox.host.url}/browse/${key}`);
    expect(await page.title()).toContain(key);
  });

  it('lands the mute link from the email on the confirmation, and muting there mutes', async () => {
    const link = new RegExp(`Mute these reminders for ${DEMO.projectKey}: (\\S+)`).exec(email)?.[1] ?? '';
    const { appId, environmentId } = sandbox.host.functions.app;
    expect(link).toBe(
      `${sandbox.site.url}/jira/software/projects/${DEMO.projectKey}/apps/${appId}/${environmentId}/mute`,
    );
    const page = await newPage(sandbox, { colorMode: 'dark', actAs: person.accountId });
    const reply = await page.goto(link);
    expect(reply?.status()).toBe(200);
    expect(page.url()).toBe(link.replace(sandbox.site.url, sandbox.host.url));
    const frame = await appFrame(page);
    await frame.waitForSelector('[data-testid="mute-landing"]', { timeout: 30_000 });
    await screenshot(page, 'email-mute-link-landing-dark');
    expect(await seriousAxeFindings(frame)).toEqual([]);
    expect(mutedInHost()).not.toContain(person.accountId);

    await frame.click('[data-testid="mute-landing-confirm"]');
    await poll(async () => (await frame.textContent('[data-testid="mute-confirmation"]')) ?? '', {
      timeout: 20_000,
    }).toContain('Reminders muted');
    expect(mutedInHost()).toContain(person.accountId);
  }, 90_000);
});
