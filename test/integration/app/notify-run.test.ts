// Scheduled gap notifications end to end against the embedded site (issue 12): the engine's stages driven by
// hand over real stored results, the site's notify endpoint filling its outbox. Each test starts a fresh site.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readRunView } from '../../../src/app/notify/run-view';
import { saveSiteDailyCap } from '../../../src/app/notify/settings';
import { handleRecipientMessage, readSiteState } from '../../../src/app/notify/recipient-stage';
import { handleProjectMessage } from '../../../src/app/notify/project-stage';
import { startRun } from '../../../src/app/notify/start-run';
import { register, registeredProjects } from '../../../src/app/enablement';
import { markDirty } from '../../../src/app/scan-job/dirty';
import { claimKey } from '../../../src/app/notify/keys';
import { waiversKey } from '../../../src/app/waiver-store';
import { JiraError } from '../../../src/jira/errors';
import type { JiraClient } from '../../../src/jira/types';
import { OWNERSHIP_PROPERTY_KEY } from '../../../src/domain/ownership';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';
import { adminJira } from '../../support/scan-job-stand-ins';
import {
  TestClock,
  dueNow,
  harness,
  readOutbox,
  runNow,
  saveSettings,
  scanInto,
  type Harness,
  type OutboxMessage,
} from '../../support/notify-harness';

const SHOP = { id: DEMO.projectId, key: DEMO.projectKey };
const MOB = { id: DEMO.otherProjectId, key: DEMO.otherProjectKey };
const people = DEMO.people;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let site: RunningSite;
let admin: JiraClient;
let clock: TestClock;
let h: Harness;

beforeEach(async () => {
  site = await startSite({ dataDir: null, port: 0 });
  admin = adminJira(site);
  // A Monday, 09:20 UTC.
  clock = new TestClock(Date.parse('2026-03-02T09:20:00Z'));
  h = harness(site, clock);
});
afterEach(() => site.close());

function to(messages: OutboxMessage[], accountId: string): OutboxMessage[] {
  return messages.filter((m) => m.recipients.some((r) => r.accountId === accountId));
}

async function enableShop(settings: Parameters<typeof dueNow>[1] = {}) {
  await saveSettings(admin, SHOP.id, dueNow(clock, settings));
  await scanInto(h, SHOP);
}

/** The next hour: a new run; the settings follow the clock so the project is due again. */
async function nextHour(project = SHOP, settings: Parameters<typeof dueNow>[1] = {}) {
  clock.advance(HOUR);
  await saveSettings(admin, project.id, dueNow(clock, settings));
}

describe('a run', () => {
  it('sends one digest to each expected person, each to that person alone, about their gaps only', async () => {
    await enableShop();
    const { outcomes } = await runNow(h);
    const outbox = await readOutbox(site);
    expect(outbox.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(outbox.length);
    for (const message of outbox) {
      expect(message.recipients).toHaveLength(1);
      expect(message.sentBy).toBe(DEMO.appUser.accountId);
      expect(message.subject).toMatch(/^Role Split digest: \d+ gaps? to fix in SHOP$/);
      expect(message.htmlBody).toContain('<a href=');
    }
    const accounts = outbox.map((m) => m.recipients[0]?.accountId);
    expect(new Set(accounts).size).toBe(accounts.length);
    // Strategy gaps go to the project lead (Priya), including the epic whose PM may not hold the role.
    const [lead] = to(outbox, people.pmDirect.accountId);
    for (const key of [...DEMO.gapExamples.EPIC_WITHOUT_PM, ...DEMO.gapExamples.PM_NOT_ELIGIBLE])
      expect(lead?.textBody).toContain(key);
    // Never to the person a *_NOT_ELIGIBLE gap names, never to a deactivated account; warnings are off.
    expect(to(outbox, people.developer.accountId)).toEqual([]);
    expect(to(outbox, people.pmDeactivated.accountId)).toEqual([]);
    for (const message of outbox)
      for (const key of DEMO.gapExamples.STORY_WITHOUT_EPIC) expect(message.textBody).not.toContain(key);
  });

  it('sends nothing on an immediate second run, and nothing twice when the trigger fires twice', async () => {
    await enableShop();
    await runNow(h);
    const first = (await readOutbox(site)).length;
    // Forge ran the trigger twice in the hour: same run, every recipient already claimed.
    const again = await runNow(h);
    expect(again.outcomes.every((o) => o === 'duplicate')).toBe(true);
    await nextHour();
    const next = await runNow(h);
    expect(next.outcomes.filter((o) => o === 'sent')).toEqual([]);
    expect((await readOutbox(site)).length).toBe(first);
  });

  it('two deliveries of one recipient at once send once (the claim is an atomic create)', async () => {
    await enableShop();
    const pushed: Array<{ runId: string; accountId: string }> = [];
    const realPush = h.ports.queue.push.bind(h.ports.queue);
    h.ports.queue.push = async (messages, options) => {
      for (const m of messages) if (m.kind === 'recipient') pushed.push(m);
      return realPush(
        messages.filter((m) => m.kind !== 'recipient'),
        options,
      );
    };
    await runNow(h);
    expect(pushed.length).toBeGreaterThan(0);
    const outcomes = await Promise.all(
      pushed.flatMap((m) => [
        handleRecipientMessage(h.ports, { kind: 'recipient', ...m }),
        handleRecipientMessage(h.ports, { kind: 'recipient', ...m }),
      ]),
    );
    const outbox = await readOutbox(site);
    expect(outbox).toHaveLength(new Set(pushed.map((m) => m.accountId)).size);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(outbox.length);
  });

  it('killed between two sends and delivered again, it sends the rest and no duplicates', async () => {
    await enableShop();
    let killed = false;
    await runNow(h, {
      beforeRecipient: (_account, index) => {
        if (index === 1 && !killed) {
          killed = true;
          throw new Error('invocation killed');
        }
      },
    });
    expect(killed).toBe(true);
    const outbox = await readOutbox(site);
    const accounts = outbox.map((m) => m.recipients[0]?.accountId);
    expect(new Set(accounts).size).toBe(accounts.length);
    expect(accounts.length).toBeGreaterThan(1);
  });

  it('killed after Jira sent but before the outcome was stored: never sent again, counted as unknown', async () => {
    await enableShop();
    const realSet = h.store.set.bind(h.store);
    let killedOnce = false;
    h.store.set = async (key, value) => {
      const state = (value as { state?: string } | undefined)?.state;
      if (!killedOnce && key.startsWith('notify-claim:') && state === 'sent') {
        killedOnce = true;
        throw new Error('invocation killed');
      }
      return realSet(key, value);
    };
    const { runId } = await runNow(h);
    expect(h.logs.filter((l) => l.event === 'test.redelivered')).toHaveLength(1);
    const outbox = await readOutbox(site);
    const accounts = outbox.map((m) => m.recipients[0]?.accountId);
    expect(new Set(accounts).size).toBe(accounts.length);
    const view = await readRunView(h.store, SHOP.id);
    expect(view?.unknown).toBe(1);
    expect(view?.sent).toBe(outbox.length - 1);
    expect(runId).toMatch(/^\d{10}$/);
  });

  it('a 429 halfway: that person is sent to on the next run, nobody twice', async () => {
    await enableShop();
    const realNotify = h.ports.jira.notifyIssue.bind(h.ports.jira);
    let calls = 0;
    const jira = Object.create(h.ports.jira) as JiraClient;
    jira.notifyIssue = (key, request) => {
      calls += 1;
      if (calls === 2)
        return Promise.reject(
          new JiraError({
            kind: 'rate-limited',
            endpoint: 'POST notify',
            status: 429,
            retryAfterMs: 900_000,
          }),
        );
      return realNotify(key, request);
    };
    h.ports.jira = jira;
    const first = await runNow(h);
    expect(first.outcomes.filter((o) => o === 'failed')).toHaveLength(1);
    const sentFirst = (await readOutbox(site)).length;
    expect((await readRunView(h.store, SHOP.id))?.failed).toBe(1);
    await nextHour();
    const second = await runNow(h);
    expect(second.outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    const outbox = await readOutbox(site);
    expect(outbox).toHaveLength(sentFirst + 1);
    const accounts = outbox.map((m) => m.recipients[0]?.accountId);
    expect(new Set(accounts).size).toBe(accounts.length);
  });

  it('reminds still-open gaps after the interval, never a closed or a waived one', async () => {
    await enableShop({ reminderDays: 7 });
    await runNow(h);
    const [closedKey, waivedKey] = DEMO.gapExamples.EPIC_WITHOUT_PM;
    const stillOpen = DEMO.gapExamples.PM_NOT_ELIGIBLE[0] ?? '';
    expect(closedKey && waivedKey).toBeTruthy();
    // Close one (a PM assigned) and waive the other, then rescan as the consumer would.
    const closed = await admin.getIssue(closedKey ?? '', { fields: ['summary'] });
    await admin.setIssueProperty(closed.id, OWNERSHIP_PROPERTY_KEY, {
      schema: 1,
      pm: {
        accountId: people.pmViaGroup.accountId,
        setAt: clock.now().toISOString(),
        setBy: people.admin.accountId,
      },
    });
    const waived = await admin.getIssue(waivedKey ?? '', { fields: ['summary'] });
    await h.store.set(waiversKey(SHOP.id, waived.id), {
      issueKey: waivedKey,
      waivers: [
        {
          code: 'EPIC_WITHOUT_PM',
          reason: 'Retired next quarter',
          setBy: people.admin.accountId,
          setAt: clock.now().toISOString(),
          expiresAt: new Date(clock.ms + 90 * DAY).toISOString(),
        },
      ],
    });
    clock.advance(8 * DAY);
    await saveSettings(admin, SHOP.id, dueNow(clock, { reminderDays: 7 }));
    await scanInto(h, SHOP);
    const before = (await readOutbox(site)).length;
    await runNow(h);
    const reminders = (await readOutbox(site)).slice(before);
    const [lead] = to(reminders, people.pmDirect.accountId);
    expect(lead?.textBody).toContain(stillOpen);
    expect(lead?.textBody).toContain('still open');
    for (const message of reminders) {
      expect(message.textBody).not.toMatch(new RegExp(`${closedKey} [^\n]* — no PM`));
      expect(message.textBody).not.toMatch(new RegExp(`${waivedKey} [^\n]* — no PM`));
    }
  });

  it('someone due in two projects gets one email naming both', async () => {
    // Chen is PM of SHOP's "Order tracking" (a same-person warning below it) and of "Mobile app parity",
    // whose stories live in MOB: remove one MOB story's PO and Chen is due in both projects.
    const parity = DEMO.issues.epicWithStoriesElsewhere;
    const page = await admin.searchPage({
      jql: `project = MOB AND parent = ${parity} AND statusCategory != Done`,
      fields: ['summary'],
      maxResults: 5,
    });
    const mobStory = page.issues[0];
    expect(mobStory).toBeDefined();
    await admin.deleteIssueProperty(mobStory?.id ?? '', OWNERSHIP_PROPERTY_KEY);
    await saveSettings(admin, SHOP.id, dueNow(clock, { warnings: true }));
    await saveSettings(admin, MOB.id, dueNow(clock, { warnings: true }));
    await scanInto(h, SHOP);
    await scanInto(h, MOB);
    await runNow(h);
    const chen = to(await readOutbox(site), people.pmAndPo.accountId);
    expect(chen).toHaveLength(1);
    expect(chen[0]?.subject).toMatch(/in MOB, SHOP$/);
    expect(chen[0]?.textBody).toContain(mobStory?.key ?? 'missing');
    expect(chen[0]?.textBody).toMatch(/SHOP-\d+/);
  });
});

describe('what a person may see', () => {
  async function setUpVera() {
    // Vera (a viewer) leads the PMs; the epic "Personalised recommendations", secured to product leadership,
    // loses its PM: a strategy gap routed to Vera on an issue she may not see.
    const secured = await admin.searchPage({
      jql: 'project = SHOP AND summary ~ "Personalised recommendations"',
      fields: ['summary'],
      maxResults: 1,
    });
    const epic = secured.issues[0];
    expect(epic?.fields.summary).toBe('Personalised recommendations');
    await admin.deleteIssueProperty(epic?.id ?? '', OWNERSHIP_PROPERTY_KEY);
    await saveSettings(
      admin,
      SHOP.id,
      dueNow(clock, { projectLead: false, pmLeads: [people.viewer.accountId], extra: [] } as never),
    );
    return epic?.key ?? '';
  }

  it('with impersonation: the issue she may not see is not in her email at all', async () => {
    const securedKey = await setUpVera();
    await saveSettings(
      admin,
      SHOP.id,
      dueNow(clock, { recipients: { projectLead: false, pmLeads: [people.viewer.accountId], extra: [] } }),
    );
    await scanInto(h, SHOP);
    await runNow(h);
    const [vera] = to(await readOutbox(site), people.viewer.accountId);
    expect(vera?.textBody).toContain(DEMO.gapExamples.EPIC_WITHOUT_PM[0] ?? 'missing');
    expect(vera?.textBody).not.toContain(securedKey);
    expect(vera?.textBody).not.toContain('Personalised recommendations');
    expect(vera?.htmlBody).not.toContain('Personalised recommendations');
  });

  it('without impersonation: her email names no issue, only counts and the page', async () => {
    await setUpVera();
    await saveSettings(
      admin,
      SHOP.id,
      dueNow(clock, { recipients: { projectLead: false, pmLeads: [people.viewer.accountId], extra: [] } }),
    );
    await scanInto(h, SHOP);
    h.impersonation.granted = false;
    await runNow(h);
    const [vera] = to(await readOutbox(site), people.viewer.accountId);
    expect(vera).toBeDefined();
    expect(vera?.textBody).not.toMatch(/SHOP-\d+/);
    expect(vera?.htmlBody).not.toMatch(/SHOP-\d+/);
    expect(vera?.textBody).not.toContain('Personalised recommendations');
    expect(vera?.textBody).toMatch(/\d+ gaps? \(/);
    expect(vera?.textBody).toContain('/apps/app-id/env-id');
  });
});

describe('the caps', () => {
  it('a project sends at most its per-run cap', async () => {
    await enableShop({ perRunCap: 1 });
    await runNow(h);
    expect(await readOutbox(site)).toHaveLength(1);
    expect((await readRunView(h.store, SHOP.id))?.skipped).toBeGreaterThan(0);
  });

  it('the site sends at most its daily cap, and the rest go out on a later day', async () => {
    await saveSiteDailyCap(h.store, 1);
    await enableShop();
    const first = await runNow(h);
    expect(await readOutbox(site)).toHaveLength(1);
    const capped = first.outcomes.filter((o) => o === 'capped').length;
    expect(capped).toBeGreaterThan(0);
    await nextHour();
    await runNow(h);
    expect(await readOutbox(site)).toHaveLength(1); // still the same UTC day
    clock.advance(DAY);
    await saveSettings(admin, SHOP.id, dueNow(clock));
    await runNow(h);
    expect(await readOutbox(site)).toHaveLength(2);
    expect(await h.store.get(claimKey(first.runId, 'nobody'))).toBeUndefined();
  });
});

describe('the run and its surroundings', () => {
  it('a 403 from notify (outgoing mail off) is recorded for the settings page and sent again next run', async () => {
    await enableShop();
    const realNotify = h.ports.jira.notifyIssue.bind(h.ports.jira);
    const jira = Object.create(h.ports.jira) as JiraClient;
    let mailOff = true;
    jira.notifyIssue = (key, request) =>
      mailOff
        ? Promise.reject(new JiraError({ kind: 'forbidden', endpoint: 'POST notify', status: 403 }))
        : realNotify(key, request);
    h.ports.jira = jira;
    const first = await runNow(h);
    // The run's safety net hands everyone out again at the end: those deliveries find their claims settled.
    const refused = first.outcomes.filter((o) => o !== 'duplicate');
    expect(refused.length).toBeGreaterThan(0);
    expect([...new Set(refused)]).toEqual(['mail-disabled']);
    expect(await readOutbox(site)).toEqual([]);
    expect((await readRunView(h.store, SHOP.id))?.mailDisabled).toBe(true);
    expect((await readSiteState(h.ports)).mailDisabledAt).not.toBeNull();
    mailOff = false;
    await nextHour();
    const second = await runNow(h);
    expect(second.outcomes.filter((o) => o === 'sent')).toHaveLength(refused.length);
    expect((await readSiteState(h.ports)).mailDisabledAt).toBeNull();
  });

  it("the site's outgoing mail off: Jira answers notify with 403 and nothing reaches the outbox", async () => {
    await enableShop();
    const off = await fetch(`${site.url}/_sandbox/outgoing-mail`, {
      method: 'POST',
      headers: { 'X-Sandbox-Secret': site.secret, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.status).toBe(200);
    const run = await runNow(h);
    expect(run.outcomes.filter((o) => o === 'mail-disabled').length).toBeGreaterThan(0);
    expect(run.outcomes.filter((o) => o === 'sent')).toEqual([]);
    expect(await readOutbox(site)).toEqual([]);
    expect((await readRunView(h.store, SHOP.id))?.mailDisabled).toBe(true);
  });

  it('waits for a rescan while changed issues wait for one, then works from the fresh results', async () => {
    await enableShop();
    await markDirty(h.store, SHOP.id, ['10001'], clock.now());
    await startRun(h.ports, await registeredProjects(h.store));
    const [project] = h.queue.drain();
    expect(project?.message.kind).toBe('project');
    if (project?.message.kind !== 'project') throw new Error('no project message');
    expect(await handleProjectMessage(h.ports, project.message)).toEqual({ outcome: 'waiting' });
    const [again] = h.queue.drain().filter((p) => p.message.kind === 'project');
    expect(again?.delaySeconds).toBe(30);
    expect(again?.message).toMatchObject({ kind: 'project', attempt: 1 });
    // The rescan ran meanwhile and took the dirty mark.
    await h.store.delete(`scan-dirty:${SHOP.id}:10001`);
    if (again?.message.kind !== 'project') throw new Error('no project message');
    const done = await handleProjectMessage(h.ports, again.message);
    expect(done.outcome).toBe('done');
    expect(done.recipients).toBeGreaterThan(0);
  });

  it('stays quiet for a project with notifications off, and for one never scanned', async () => {
    await saveSettings(admin, SHOP.id, dueNow(clock, { enabled: false }));
    await scanInto(h, SHOP);
    expect((await runNow(h)).outcomes).toEqual([]);
    await saveSettings(admin, SHOP.id, dueNow(clock));
    const fresh = harness(site, clock);
    await register(fresh.store, SHOP, clock);
    expect((await runNow(fresh)).outcomes).toEqual([]);
    expect(await readOutbox(site)).toEqual([]);
  });
});
