// The project page "Alignment" in the browser: coverage figures and the gap list must match a direct scan of
// the same demo site by the app's own use case (buildAlignment, as the app), and an issue link in the page
// navigates the shell through the bridge's router.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeIf } from '../support/jest-helpers';
import { buildAlignment } from '../../src/app/build-alignment';
import { defaultPolicy } from '../../src/domain/policy';
import { DEMO } from '../../sandbox/site';
import { HAS_CHROMIUM, appFrame, appPorts, newPage, screenshot, startSandbox, type Sandbox } from './support';

let sandbox: Sandbox;

beforeAll(async () => {
  if (HAS_CHROMIUM) sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

function pageModuleKey(): string {
  const module = sandbox.host.manifest.uiModules.find((m) => m.type === 'jira:projectPage');
  if (!module) throw new Error('manifest.yml has no project page');
  return module.key;
}

async function openAlignment(colorMode: 'light' | 'dark' = 'light') {
  const page = await newPage(sandbox, { colorMode });
  await page.goto(`${sandbox.host.url}/jira/software/projects/${DEMO.projectKey}/apps/${pageModuleKey()}`);
  const frame = await appFrame(page);
  await frame.waitForSelector('[data-testid="page-coverage-pm"]');
  return { page, frame };
}

describeIf(HAS_CHROMIUM)('alignment page in the browser', () => {
  it('shows the coverage figures and the gap list of a direct scan', async () => {
    const want = await buildAlignment(appPorts(sandbox.site), {
      projectKey: DEMO.projectKey,
      policy: defaultPolicy(),
    });
    const { page, frame } = await openAlignment();
    const card = async (id: string) => {
      const el = await frame.waitForSelector(`[data-testid="${id}"]`);
      return {
        covered: Number(await el.getAttribute('data-covered')),
        total: Number(await el.getAttribute('data-total')),
      };
    };
    expect(await card('page-coverage-pm')).toEqual({
      covered: want.coverage.withPm,
      total: want.coverage.strategyIssues,
    });
    expect(await card('page-coverage-po')).toEqual({
      covered: want.coverage.withPo,
      total: want.coverage.executionIssues,
    });

    const rows = await frame.$$eval('[data-testid="page-gap-table"] [data-code][data-issue]', (nodes) =>
      nodes.map((n) => `${n.getAttribute('data-code')} ${n.getAttribute('data-issue')}`),
    );
    expect(want.gaps.length).toBeGreaterThan(0);
    expect(rows).toEqual(want.gaps.slice(0, rows.length).map((g) => `${g.code} ${g.issueKey}`));
    expect(rows.length).toBe(Math.min(want.gaps.length, 50));
    await screenshot(page, 'alignment-page-light', { forDocs: true });
    await page.close();
  });

  it('renders dark when the shell is dark', async () => {
    const { page, frame } = await openAlignment('dark');
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    await screenshot(page, 'alignment-page-dark', { forDocs: true });
    await page.close();
  });

  it("navigates the shell to an issue when one of the page's issue links is clicked (router.navigate)", async () => {
    const { page, frame } = await openAlignment();
    const link = await frame.waitForSelector('[data-testid="page-gap-table"] a');
    const key = (await link.textContent())?.trim() ?? '';
    expect(key).toMatch(/^[A-Z]+-\d+$/);
    await Promise.all([page.waitForURL(`**/browse/${key}`), link.click()]);
    expect(await page.textContent('.breadcrumbs')).toContain(key);
    await page.close();
  });
});
