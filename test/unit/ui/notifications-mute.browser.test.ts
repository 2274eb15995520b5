// "Mute reminders" in a browser (built Custom UI, canned resolver answers): from the full view and from
// the Alignment page — opened on demand, muted with a confirmation whose Undo takes the focus and unmutes — and
// the email's link landing on the Alignment page (`/mute` in the page's history), which asks before muting and
// then leaves the link's address. Keyboard only where it matters; axe in both themes.
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { MuteView } from '../../../src/contract/notifications';
import { seriousAxeFindings } from '../../support/axe';
import { describeIf, poll } from '../../support/jest-helpers';
import {
  CHROMIUM,
  fail,
  harnessForSuite,
  invokePayloads,
  ok,
  type Answer,
  type Scenario,
} from './custom-ui-harness';
import { storyPanel } from './views.fixtures';

const canRun = existsSync(CHROMIUM);
if (!canRun) console.warn(`Mute browser tests skipped: ${CHROMIUM} not found.`);

const ON: MuteView = { muted: false, mutedAt: null };
const MUTED: MuteView = { muted: true, mutedAt: '2026-11-30T09:15:00.000Z' };

/**
 * Installed after the harness's bridge: answers `createHistory` with a history at `path`, as Jira does for a
 * project page opened at `<page URL><path>`, and records what the page does with it.
 */
function historyAt(path: string) {
  const state = window as unknown as {
    __bridge: { callBridge: (type: string, payload?: unknown) => Promise<unknown> };
    __history: string[];
  };
  state.__history = [];
  const original = state.__bridge.callBridge;
  state.__bridge.callBridge = (type, payload) => {
    if (type !== 'createHistory') return original(type, payload);
    const history = {
      action: 'POP',
      location: { pathname: path, search: '', hash: '', state: undefined, key: 'default' },
      listen: () => () => undefined,
      push: (to: string) => state.__history.push(`push ${to}`),
      replace: (to: string) => state.__history.push(`replace ${to}`),
    };
    return Promise.resolve(history);
  };
}

describeIf(canRun)('Mute reminders in a browser', () => {
  const openView = harnessForSuite();

  const open = async (scenario: Scenario, historyPath?: string) => {
    const opened = await openView(scenario, 1024);
    if (historyPath !== undefined) {
      await opened.page.addInitScript(historyAt, historyPath);
      await opened.page.reload();
    }
    return opened;
  };
  const text = (p: PlaywrightPage, testId: string) => p.getByTestId(testId).first().textContent();
  const focusedTestId = (p: PlaywrightPage) =>
    p.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

  const SURFACES = [
    {
      name: 'the issue’s full view',
      scope: 'issue',
      scenario: (byKey: Record<string, Answer[]>): Scenario => ({
        module: 'jira:issuePanel',
        answers: ['throw'],
        byKey: { 'issue/get-panel': [ok(storyPanel())], ...byKey },
      }),
    },
    {
      name: 'the Alignment page',
      scope: 'project',
      scenario: (byKey: Record<string, Answer[]>): Scenario => ({
        module: 'jira:projectPage',
        answers: ['throw'],
        byKey: { 'project/get-status': ['pending'], ...byKey },
      }),
    },
  ] as const;

  for (const surface of SURFACES) {
    describe(surface.name, () => {
      const get = `${surface.scope}/get-mute`;
      const set = `${surface.scope}/set-mute`;
      const testId = (suffix: string) => `mute-${surface.scope}-${suffix}`;

      it('asks nothing until opened, then mutes with a confirmation, and Undo unmutes', async () => {
        const v = await open(surface.scenario({ [get]: [ok(ON)], [set]: [ok(MUTED), ok(ON)] }));
        const { page: p } = v;
        await p.getByTestId(testId('open')).waitFor();
        expect(await invokePayloads(v, get)).toEqual([]);
        await p.getByTestId(testId('open')).focus();
        await p.keyboard.press('Enter');
        await poll(() => text(p, testId('state'))).toBe(
          'You get Role Split’s gap reminder emails for this project.',
        );
        await poll(() => focusedTestId(p)).toBe(testId('toggle'));
        await p.keyboard.press('Enter');
        await p.getByTestId('mute-confirmation').waitFor();
        expect(await text(p, 'mute-confirmation')).toContain('Reminders muted');
        expect(await text(p, 'mute-confirmation')).toContain('no more emails about gaps in this project');
        await poll(() => focusedTestId(p)).toBe('mute-undo');
        await p.keyboard.press('Enter');
        await poll(() => text(p, 'mute-confirmation')).toContain('Reminders back on');
        expect(await invokePayloads(v, get)).toEqual([{}]);
        expect(await invokePayloads(v, set)).toEqual([{ muted: true }, { muted: false }]);
      });

      it('shows a muted switch with its date and unmutes', async () => {
        const v = await open(surface.scenario({ [get]: [ok(MUTED)], [set]: [ok(ON)] }));
        const { page: p } = v;
        await p.getByTestId(testId('open')).click();
        await poll(() => text(p, testId('state'))).toContain('are muted (since');
        expect(await text(p, testId('toggle'))).toBe('Unmute reminders');
        await p.getByTestId(testId('toggle')).click();
        await poll(() => text(p, 'mute-confirmation')).toContain('Reminders back on');
        expect(await invokePayloads(v, set)).toEqual([{ muted: false }]);
      });

      it('says clearly when Jira refuses, and retries', async () => {
        const v = await open(
          surface.scenario({
            [get]: [ok(ON)],
            [set]: [
              fail(
                'FORBIDDEN',
                'You cannot browse this project, so Role Split sends you no reminders from it.',
              ),
              ok(MUTED),
            ],
          }),
        );
        const { page: p } = v;
        await p.getByTestId(testId('open')).click();
        await p.getByTestId(testId('toggle')).click();
        await p.getByTestId(testId('write-error')).waitFor();
        expect(await text(p, testId('write-error'))).toContain('cannot browse this project');
        await p.getByTestId(testId('write-error')).getByRole('button', { name: 'Retry' }).click();
        await p.getByTestId('mute-confirmation').waitFor();
        expect(await invokePayloads(v, set)).toEqual([{ muted: true }, { muted: true }]);
      });
    });
  }

  describe('the email’s mute link', () => {
    const page = (byKey: Record<string, Answer[]>): Scenario => ({
      module: 'jira:projectPage',
      answers: ['throw'],
      byKey: { 'project/get-status': ['pending'], ...byKey },
    });
    const history = (p: PlaywrightPage) =>
      p.evaluate(() => (window as unknown as { __history: string[] }).__history);

    it('lands on the Alignment page, asks, mutes, and leaves the link’s address', async () => {
      const v = await open(page({ 'project/get-mute': [ok(ON)], 'project/set-mute': [ok(MUTED)] }), '/mute');
      const { page: p } = v;
      await p.getByTestId('mute-landing').waitFor();
      expect(await text(p, 'mute-landing')).toContain('Mute Role Split reminders for this project?');
      // Opening the link alone mutes nothing.
      expect(await invokePayloads(v, 'project/set-mute')).toEqual([]);
      await p.getByTestId('mute-landing-confirm').click();
      await p.getByTestId('mute-confirmation').waitFor();
      expect(await invokePayloads(v, 'project/set-mute')).toEqual([{ muted: true }]);
      expect(await history(p)).toEqual(['replace /']);
      expect(await p.getByTestId('mute-landing').count()).toBe(0);
    });

    it('keeps reminders when the person says so', async () => {
      const v = await open(page({ 'project/get-mute': [ok(ON)] }), '/mute');
      const { page: p } = v;
      await p.getByTestId('mute-landing-cancel').click();
      await poll(() => p.getByTestId('mute-landing').count()).toBe(0);
      expect(await invokePayloads(v, 'project/set-mute')).toEqual([]);
      expect(await history(p)).toEqual(['replace /']);
      expect(await text(p, 'mute-project-state')).toBe(
        'You get Role Split’s gap reminder emails for this project.',
      );
    });

    it('says so when they had muted already', async () => {
      const { page: p } = await open(page({ 'project/get-mute': [ok(MUTED)] }), '/mute');
      await p.getByTestId('mute-landing-already').waitFor();
      expect(await p.getByTestId('mute-landing').count()).toBe(0);
    });

    it('is not a landing on the page’s own address', async () => {
      const v = await open(page({ 'project/get-mute': [ok(ON)] }), '/');
      const { page: p } = v;
      await p.getByTestId('mute-project-open').waitFor();
      expect(await invokePayloads(v, 'project/get-mute')).toEqual([]);
    });
  });

  describe('accessibility', () => {
    for (const colorMode of ['light', 'dark'] as const) {
      it(`has no serious axe findings in the ${colorMode} theme (landing, then the confirmation)`, async () => {
        const { page: p } = await open(
          {
            ...{ module: 'jira:projectPage' as const, answers: ['throw' as const] },
            colorMode,
            byKey: {
              'project/get-status': ['pending'],
              'project/get-mute': [ok(ON)],
              'project/set-mute': [ok(MUTED)],
            },
          },
          '/mute',
        );
        await p.getByTestId('mute-landing').waitFor();
        expect(await seriousAxeFindings(p)).toEqual([]);
        await p.getByTestId('mute-landing-confirm').click();
        await p.getByTestId('mute-confirmation').waitFor();
        expect(await seriousAxeFindings(p)).toEqual([]);
      });
    }
  });
});
