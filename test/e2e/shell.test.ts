// The shell around the app: projects and issues as the acting user, the "acting as" switch (which changes the
// identity the app's iframe and resolvers get), the light/dark switch (which the app's iframe follows live),
// and the bridge's page-level calls (flags) answered by the shell.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeIf } from '../support/jest-helpers';
import { DEMO } from '../../sandbox/site';
import {
  HAS_CHROMIUM,
  appFrame,
  frameContext,
  newPage,
  openIssuePanel,
  screenshot,
  startSandbox,
  type Sandbox,
} from './support';

let sandbox: Sandbox;

beforeAll(async () => {
  if (HAS_CHROMIUM) sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

/** Keys of the project's issues the given user can see, asked of the site directly. */
async function visibleIssueKeys(accountId: string): Promise<string[]> {
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const response = await fetch(`${sandbox.site.url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-sandbox-secret': sandbox.site.secret,
        'x-sandbox-as': `user:${accountId}`,
      },
      body: JSON.stringify({
        jql: `project = ${DEMO.projectKey}`,
        fields: ['summary'],
        maxResults: 100,
        nextPageToken,
      }),
    });
    const page = (await response.json()) as { issues: Array<{ key: string }>; nextPageToken?: string | null };
    keys.push(...page.issues.map((i) => i.key));
    nextPageToken = page.nextPageToken ?? undefined;
  } while (nextPageToken);
  return keys.sort();
}

describeIf(HAS_CHROMIUM)('shell', () => {
  it('lists the projects and the issues the acting user can browse, linking to issues', async () => {
    const page = await newPage(sandbox);
    await page.goto(sandbox.host.url);
    expect(await page.textContent('.project-cards')).toContain(DEMO.projectName);
    await page.click(`text=${DEMO.projectName}`);
    await page.waitForSelector('table.issue-table');
    const shown = await page.$$eval('tr[data-issue]', (rows) =>
      rows.map((r) => r.getAttribute('data-issue') ?? ''),
    );
    expect([...shown].sort()).toEqual(await visibleIssueKeys(DEMO.adminUser.accountId));
    await screenshot(page, 'shell-issues-light', { forDocs: true });
    await Promise.all([
      page.waitForURL(`**/browse/${DEMO.issues.coveredEpic}`),
      page.click(`tr[data-issue="${DEMO.issues.coveredEpic}"] td:nth-child(2) a`),
    ]);
    await Promise.all([page.waitForNavigation(), page.click('[data-add-panel]')]);
    await appFrame(page);
    await page.close();
  });

  it('switches the identity the app runs as with "Acting as"', async () => {
    const other = DEMO.users.find((u) => u.active && u.accountId !== DEMO.adminUser.accountId);
    if (!other) throw new Error('demo needs a second active user');
    const page = await newPage(sandbox);
    const first = await openIssuePanel(page, sandbox, DEMO.issues.coveredStory);
    expect((await frameContext(first)).accountId).toBe(DEMO.adminUser.accountId);

    await Promise.all([page.waitForNavigation(), page.selectOption('#act-as', other.accountId)]);
    expect(page.url()).toContain(`/browse/${DEMO.issues.coveredStory}`);
    expect(await page.$eval('#act-as', (s) => (s as HTMLSelectElement).value)).toBe(other.accountId);
    const context = await frameContext(await appFrame(page));
    expect(context.accountId).toBe(other.accountId);
    const lastCall = sandbox.host.functions.recent().at(-1);
    expect(lastCall).toMatchObject({ kind: 'resolver', accountId: other.accountId, ok: true });
    await page.close();
  });

  it('switches the app iframe to dark and back, live, with the theme toggle', async () => {
    const page = await newPage(sandbox);
    const frame = await openIssuePanel(page, sandbox, DEMO.issues.coveredEpic);
    const mode = () => frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'));
    const background = () => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await mode()).toBe('light');
    const lightBackground = await background();
    await page.click('#theme-toggle');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
    expect(await page.getAttribute('html', 'data-color-mode')).toBe('dark');
    expect(await background()).not.toBe(lightBackground);
    await page.click('#theme-toggle');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'light');
    await page.reload();
    expect(await page.getAttribute('html', 'data-color-mode')).toBe('light');
    await page.close();
  });

  it('hides a secured issue from someone outside its level, in the issue list and the issue view', async () => {
    const { securedEpic, storyUnderSecuredEpic } = DEMO.security;
    const outsider = DEMO.people.developer2.accountId;
    const outsiderKeys = await visibleIssueKeys(outsider);
    expect(outsiderKeys).toContain(storyUnderSecuredEpic);
    expect(outsiderKeys).not.toContain(securedEpic);
    // Someone in the level sees it, so the check above is about the level, not a missing issue.
    expect(await visibleIssueKeys(DEMO.adminUser.accountId)).toContain(securedEpic);

    const page = await newPage(sandbox, { actAs: outsider });
    await page.goto(`${sandbox.host.url}/jira/software/projects/${DEMO.projectKey}/issues`);
    await page.waitForSelector('table.issue-table');
    const listed = await page.$$eval('tr[data-issue]', (rows) =>
      rows.map((r) => r.getAttribute('data-issue')),
    );
    expect(listed).toContain(storyUnderSecuredEpic);
    expect(listed).not.toContain(securedEpic);

    const hidden = await page.goto(`${sandbox.host.url}/browse/${securedEpic}`);
    expect(hidden?.status()).toBe(404);
    expect(await page.textContent('body')).not.toContain('Personalised recommendations');

    // Its story is visible, and says nothing of the parent the outsider may not see.
    const story = await page.goto(`${sandbox.host.url}/browse/${storyUnderSecuredEpic}`);
    expect(story?.status()).toBe(200);
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain(securedEpic);
    expect(body).not.toContain('Personalised recommendations');
    await page.close();
  });

  it('shows a flag the app raises with showFlag, and closes it', async () => {
    const page = await newPage(sandbox);
    const frame = await openIssuePanel(page, sandbox, DEMO.issues.coveredEpic);
    await frame.evaluate(async () => {
      const bridge = (
        globalThis as unknown as { __bridge: { callBridge(t: string, p?: unknown): Promise<unknown> } }
      ).__bridge;
      await bridge.callBridge('showFlag', {
        id: 'saved',
        title: 'Owner saved',
        description: 'Priya is now the PM.',
        type: 'success',
      });
    });
    const flag = await page.waitForSelector('#flag-saved');
    expect(await flag.textContent()).toContain('Owner saved');
    await frame.evaluate(async () => {
      const bridge = (
        globalThis as unknown as { __bridge: { callBridge(t: string, p?: unknown): Promise<unknown> } }
      ).__bridge;
      await bridge.callBridge('closeFlag', { id: 'saved' });
    });
    await page.waitForSelector('#flag-saved', { state: 'detached' });
    await page.close();
  });
});
