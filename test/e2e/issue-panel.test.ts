// The issue panel in the browser: the real Custom UI with the real @forge/bridge, in the shell's issue view,
// calling the real resolver. What it must show is computed by running the app's use case (describeIssue, the
// gap engine underneath) as the app against the same demo site: never hard-coded.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeIf } from '../support/jest-helpers';
import { describeIssue } from '../../src/app/describe-issue';
import type { IssuePanelView } from '../../src/contract/views';
import { defaultPolicy } from '../../src/domain/policy';
import { DEMO } from '../../sandbox/site';
import type { appFrame } from './support';
import {
  HAS_CHROMIUM,
  appPorts,
  findIssue,
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

function expected(issueKey: string): Promise<IssuePanelView> {
  return describeIssue(appPorts(sandbox.site), { issueKey, policy: defaultPolicy() });
}

async function panelOn(issueKey: string, options: { colorMode?: 'light' | 'dark' } = {}) {
  const page = await newPage(sandbox, options);
  return { page, frame: await openIssuePanel(page, sandbox, issueKey) };
}

/** Each check the use case reports, as the panel shows it: code -> status. */
async function shownChecks(frame: Awaited<ReturnType<typeof appFrame>>): Promise<Record<string, string>> {
  const items = await frame.$$eval(
    '[data-testid^="panel-check-"]',
    (nodes: Element[]): Array<[string, string]> =>
      nodes.map((n): [string, string] => [
        n.getAttribute('data-testid')?.replace('panel-check-', '') ?? '',
        n.getAttribute('data-status') ?? '',
      ]),
  );
  return Object.fromEntries(items);
}

describeIf(HAS_CHROMIUM)('issue panel in the browser', () => {
  const cases = () => [
    { name: 'epic', key: DEMO.issues.coveredEpic, hasGaps: false },
    { name: 'story', key: DEMO.issues.coveredStory, hasGaps: false },
    { name: 'epic-without-pm', key: DEMO.gapExamples.EPIC_WITHOUT_PM[0] ?? '', hasGaps: true },
    { name: 'story-with-gaps', key: DEMO.gapExamples.ROLE_MISPLACED[1] ?? '', hasGaps: true },
  ];

  it.each(cases())(
    'shows on the $name ($key) the slot and every check the rules give',
    async ({ name, key, hasGaps }) => {
      const want = await expected(key);
      expect(want.slot).not.toBeNull();
      expect(want.gaps.length > 0).toBe(hasGaps);
      const { page, frame } = await panelOn(key);
      const owner = await frame.waitForSelector('[data-testid="panel-owner"]');
      expect(await owner.getAttribute('data-slot')).toBe(want.slot);
      expect(await shownChecks(frame)).toEqual(
        Object.fromEntries(want.checks.map((c) => [c.code, c.status])),
      );
      expect(
        want.checks
          .filter((c) => c.status === 'fail')
          .map((c) => c.code)
          .sort(),
      ).toEqual([...new Set(want.gaps.map((g) => g.code))].sort());
      await screenshot(page, `issue-panel-${name}-light`, {
        forDocs: name === 'epic' || name === 'story-with-gaps',
      });
      await page.close();
    },
  );

  it('shows the out-of-scope message on a sub-task', async () => {
    const subtask = findIssue(sandbox.site, DEMO.projectKey, (t) => t.hierarchyLevel < 0);
    const want = await expected(subtask);
    expect(want.outOfScopeReason).toBe('subtask');
    const { page, frame } = await panelOn(subtask);
    const message = await frame.waitForSelector('[data-testid="panel-out-of-scope"]');
    expect(await message.getAttribute('data-reason')).toBe(want.outOfScopeReason);
    expect(await frame.$('[data-testid="panel-owner"]')).toBeNull();
    await screenshot(page, 'issue-panel-subtask-light');
    await page.close();
  });

  it('renders dark when the shell is dark', async () => {
    const key = DEMO.gapExamples.ROLE_MISPLACED[1] ?? DEMO.issues.coveredStory;
    const { page, frame } = await panelOn(key, { colorMode: 'dark' });
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    await screenshot(page, 'issue-panel-story-with-gaps-dark', { forDocs: true });
    await page.close();
  });
});
