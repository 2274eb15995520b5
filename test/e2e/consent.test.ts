// The real app on a user's first use, as in Jira: its resolver's asUser() call is refused until the user
// allows access, the shell asks ("Allow access") around the panel, and once allowed the panel shows the issue.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeIf } from '../support/jest-helpers';
import { DEMO } from '../../sandbox/site';
import {
  HAS_CHROMIUM,
  appFrame,
  contextFrame,
  newPage,
  openIssueContext,
  screenshot,
  seriousAxeFindings,
  startSandbox,
  type Sandbox,
} from './support';

let sandbox: Sandbox;

beforeAll(async () => {
  if (HAS_CHROMIUM) sandbox = await startSandbox({ consent: false });
});
afterAll(async () => {
  await sandbox?.close();
});

describeIf(HAS_CHROMIUM)('consent on first use', () => {
  it('asks the user to allow access on the first asUser() call, and shows the panel once they do', async () => {
    const me = DEMO.adminUser.accountId;
    expect(sandbox.host.viewer.hasConsent(me)).toBe(false);
    const page = await newPage(sandbox);
    await page.goto(`${sandbox.host.url}/browse/${DEMO.issues.coveredEpic}`);
    await Promise.all([page.waitForNavigation(), page.click('[data-add-panel]')]);
    const prompt = await page.waitForSelector('#consent-prompt');
    expect(await prompt.textContent()).toContain('needs your permission');
    const refused = await (await page.waitForSelector('iframe[data-frame]')).contentFrame();
    await refused?.waitForSelector('[data-testid="panel-error"]');
    await screenshot(page, 'consent-prompt-light', { forDocs: true });

    await Promise.all([page.waitForNavigation(), page.click('#consent-allow')]);
    const frame = await appFrame(page);
    await frame.waitForSelector('[data-testid="panel-owner"]');
    expect(await page.$('#consent-prompt')).toBeNull();
    expect(sandbox.host.viewer.hasConsent(me)).toBe(true);
    await page.close();
  });

  it('the issue context section says what allowing access does, before the user allows it', async () => {
    const sam = DEMO.people.poDirect;
    expect(sandbox.host.viewer.hasConsent(sam.accountId)).toBe(false);
    const page = await newPage(sandbox, { actAs: sam.accountId });
    const frame = await openIssueContext(page, sandbox, DEMO.issues.coveredStory);
    const message = await frame.waitForSelector('[data-testid="context-error"]');
    const said = (await message.textContent()) ?? '';
    expect(said).toContain('Allow Role Split to act as you');
    expect(said).toContain('never shows or changes more than you could in Jira yourself');
    expect(said).not.toContain('Something went wrong');
    expect(await (await page.waitForSelector('#consent-prompt')).textContent()).toContain('Allow access');
    expect(await seriousAxeFindings(frame)).toEqual([]);
    await screenshot(page, 'issue-context-consent-light', { forDocs: true });

    await Promise.all([page.waitForNavigation(), page.click('#consent-allow')]);
    const allowed = await contextFrame(page);
    await allowed.waitForSelector('[data-testid="context-owner"]');
    expect(sandbox.host.viewer.hasConsent(sam.accountId)).toBe(true);
    await page.close();
  });
});
