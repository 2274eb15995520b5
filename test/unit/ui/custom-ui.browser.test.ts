// The built Custom UI in headless Chromium, against canned resolver answers: what each state renders, that
// errors never become empty lists, and that nothing needs inline styles (Forge's default CSP).
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { describeIf, poll } from '../../support/jest-helpers';
import { CHROMIUM, fail, harnessForSuite, invokePayloads, ok, type Answer } from './custom-ui-harness';
import {
  check,
  contextView,
  emptyContext,
  epicPanel,
  NO_ACTIONS,
  people,
  peopleFound,
  storyPanel,
} from './views.fixtures';

const canRun = existsSync(CHROMIUM);
if (!canRun)
  console.warn(`Custom UI browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium).`);

describeIf(canRun)('Custom UI in a browser', () => {
  const open = harnessForSuite();
  const panel = (...answers: Answer[]) => open({ module: 'jira:issuePanel', answers });
  /** The issue context section, as Jira's right column sizes it; answers per resolver key. */
  const section = (byKey: Record<string, Answer[]>) =>
    open({ module: 'jira:issueContext', answers: ['throw'], byKey }, 360);

  describe('issue context section', () => {
    it('shows the owner, their eligibility and the status, one quiet line when nothing fails', async () => {
      const { page } = await section({ 'issue/get-context': [ok(contextView())] });
      await poll(() => page.getByTestId('context-owner').textContent()).toContain('Bo Chen');
      expect(await page.getByTestId('context-owner').getAttribute('data-state')).toBe('eligible');
      expect(await page.getByTestId('context-eligibility').textContent()).toBe('Eligible');
      expect(await page.getByTestId('context-status').textContent()).toBe('PO ✓');
      expect(await page.getByTestId('context-status').getAttribute('data-appearance')).toBe('success');
      expect(await page.getByTestId('context-no-gaps').textContent()).toContain('All checks pass');
      expect(await page.getByTestId('context-change').textContent()).toBe('Change PO');
      expect(await page.getByTestId('context-assign-me').count()).toBe(0);
      expect(await page.getByTestId('context-content').textContent()).toContain(
        'the Role Split button under the issue summary',
      );
    });

    it('says "You own this" to the owner', async () => {
      const { page } = await section({
        'issue/get-context': [ok(contextView({ actions: { ...NO_ACTIONS, youOwnThis: true, clear: true } }))],
      });
      await poll(() => page.getByTestId('context-you-own').textContent()).toBe('You own this');
    });

    it('says what to do about each gap and who can do it', async () => {
      const { page } = await section({
        'issue/get-context': [
          ok(
            contextView({
              owner: { ...people.cyrus, displayName: 'Yuki Tanaka' },
              status: { key: 'owner-not-eligible', label: 'PO not eligible', appearance: 'removed' },
              gaps: [
                {
                  code: 'PO_NOT_ELIGIBLE',
                  severity: 'error',
                  fix: { who: 'project-admin', how: 'add-owner-to-role' },
                },
                {
                  code: 'STORY_WITHOUT_EPIC',
                  severity: 'warning',
                  fix: { who: 'issue-editor', how: 'set-parent-epic' },
                },
              ],
            }),
          ),
        ],
      });
      const gap = page.getByTestId('context-gap-PO_NOT_ELIGIBLE');
      await poll(() => gap.textContent()).toContain(
        'Ask a project admin to add Yuki Tanaka to the Product Owner role, or choose another PO.',
      );
      expect(await page.getByTestId('context-gap-STORY_WITHOUT_EPIC').textContent()).toContain(
        'Ask someone who can edit this issue to put this story under an epic.',
      );
      expect(await page.getByTestId('context-eligibility').textContent()).toBe('Not in PO role');
    });

    it('assigns the viewer with "Assign me", sending the slot as seen, then reloads and flags success', async () => {
      const opened = await section({
        'issue/get-context': [
          ok(emptyContext()),
          ok(contextView({ actions: { ...NO_ACTIONS, youOwnThis: true } })),
        ],
        'issue/assign-me': [
          ok({ slot: 'po', owner: people.bo, current: { accountId: 'acc-bo', setAt: 'x' } }),
        ],
      });
      const { page } = opened;
      const gap = page.getByTestId('context-gap-STORY_WITHOUT_PO');
      await poll(() => gap.textContent()).toContain('Assign a PO.');
      await page.getByRole('button', { name: 'Assign me' }).click();
      await poll(() => page.getByTestId('context-you-own').count()).toBe(1);
      expect(await invokePayloads(opened, 'issue/assign-me')).toEqual([{ expected: null }]);
      const flags = (await opened.calls('showFlag')).map(
        (c) => c.payload as { type: string; description: string },
      );
      expect(flags).toEqual([
        expect.objectContaining({ type: 'success', description: 'Bo Chen is now the PO.' }),
      ]);
      expect(await opened.calls('emit')).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({ event: 'role-split:ownership-changed' }),
        }),
      ]);
    });

    it('picks an eligible person in the picker and assigns them; people not offered say why', async () => {
      const opened = await section({
        'issue/get-context': [ok(emptyContext()), ok(contextView())],
        'issue/search-people': [
          ok(
            peopleFound({
              notOffered: [
                { accountId: 'acc-yuki', displayName: 'Yuki Tanaka', avatarUrl: null, reason: 'not-in-role' },
              ],
            }),
          ),
        ],
        'issue/assign': [
          ok({
            slot: 'po',
            owner: { ...people.bo, accountId: 'acc-dee', displayName: 'Dee Park' },
            current: null,
          }),
        ],
      });
      const { page } = opened;
      await page.getByTestId('context-assign').click();
      const input = page.getByLabel('Choose a PO (people in the Product Owner role)');
      await poll(() => input.count()).toBe(1);
      await input.fill('De');
      await page.getByText('Dee Park', { exact: true }).click();
      await poll(() => invokePayloads(opened, 'issue/assign')).toEqual([
        { accountId: 'acc-dee', expected: null },
      ]);
      expect((await invokePayloads(opened, 'issue/search-people')).at(-1)).toEqual({ query: 'De' });
      await poll(() => page.getByTestId('owner-picker').count()).toBe(0);
    });

    it('shows the picker’s list by keyboard alone', async () => {
      const opened = await section({
        'issue/get-context': [ok(emptyContext())],
        'issue/search-people': [ok(peopleFound())],
        'issue/assign': ['pending'],
      });
      const { page } = opened;
      await poll(() => page.getByTestId('context-assign-me').count()).toBe(1);
      await page.keyboard.press('Tab'); // Assign me
      await page.keyboard.press('Tab'); // Assign PO
      await page.keyboard.press('Enter');
      await poll(() => page.getByText('Bo Chen', { exact: true }).count()).toBe(1);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await poll(() => invokePayloads(opened, 'issue/assign')).toEqual([
        expect.objectContaining({ expected: null }),
      ]);
    });

    const refusals: Array<[string, Record<string, unknown> | undefined, string]> = [
      ['NO_EDIT_PERMISSION', undefined, 'Setting the PO needs permission to edit this issue.'],
      ['WRONG_ROLE_FOR_LEVEL', undefined, 'Epics and initiatives take a PM; stories take a PO.'],
      [
        'OUT_OF_SCOPE',
        undefined,
        'Sub-tasks and issue types outside the project’s Role Split scope have no owner.',
      ],
      ['OWNERSHIP_INVALID', { canReset: true }, 'Clear it and start again, then set the owner.'],
      [
        'OWNERSHIP_INVALID',
        { canReset: false },
        'Ask someone who can edit this issue to clear it and start again.',
      ],
      [
        'CONFLICT',
        { current: { accountId: 'acc-ana', setAt: 'x', displayName: 'Ana Lima' } },
        'The PO is now Ana Lima.',
      ],
      ['CONFLICT', { current: null }, 'The PO slot is now empty.'],
      [
        'JIRA_UNAVAILABLE',
        undefined,
        'Role Split could not reach Jira, or Jira took too long to answer. Nothing was changed.',
      ],
    ];

    it.each(refusals)('words a %s refusal of "Clear" (%j)', async (code, details, says) => {
      const opened = await section({
        'issue/get-context': [ok(contextView())],
        'issue/clear': [
          { envelope: { ok: false, error: { code, message: 'refused', ...(details ? { details } : {}) } } },
        ],
      });
      const { page } = opened;
      await page.getByTestId('context-clear').click();
      const refusal = page.getByTestId('context-refusal');
      await poll(() => refusal.textContent()).toContain(says);
      expect(await refusal.textContent()).not.toContain('Something went wrong');
      const flags = (await opened.calls('showFlag')).map(
        (c) => c.payload as { type: string; description: string },
      );
      expect(flags).toEqual([
        expect.objectContaining({ type: 'error', description: expect.stringContaining(says) }),
      ]);
      // A conflict reloads at once, so the new owner is on screen too.
      expect((await invokePayloads(opened, 'issue/get-context')).length).toBe(code === 'CONFLICT' ? 2 : 1);
    });

    it('words NOT_ELIGIBLE with the person picked and the role', async () => {
      const { page } = await section({
        'issue/get-context': [ok(emptyContext())],
        'issue/search-people': [ok(peopleFound())],
        'issue/assign': [fail('NOT_ELIGIBLE', 'not in role')],
      });
      await page.getByTestId('context-assign').click();
      await page.getByText('Dee Park', { exact: true }).click();
      await poll(() => page.getByTestId('context-refusal').textContent()).toContain(
        'Ask a project admin to add Dee Park to the Product Owner role, or choose another PO.',
      );
    });

    it('offers "Clear and start again" on unreadable ownership data', async () => {
      const opened = await section({
        'issue/get-context': [
          ok(
            contextView({
              owner: null,
              current: null,
              ownershipInvalid: true,
              actions: { ...NO_ACTIONS, reset: true },
            }),
          ),
        ],
        'issue/clear': ['pending'],
      });
      await poll(() => opened.page.getByTestId('context-owner').getAttribute('data-state')).toBe(
        'unreadable',
      );
      await opened.page.getByRole('button', { name: 'Clear and start again' }).click();
      await poll(() => invokePayloads(opened, 'issue/clear')).toEqual([{ expected: null, reset: true }]);
    });

    it('before consent, says what allowing access does and reloads once allowed', async () => {
      const { page } = await section({ 'issue/get-context': ['consent', ok(contextView())] });
      const message = page.getByTestId('context-error');
      await poll(() => message.textContent()).toContain('Allow Role Split to act as you');
      expect(await message.textContent()).toContain(
        'never shows or changes more than you could in Jira yourself',
      );
      expect(await message.textContent()).not.toContain('Something went wrong');
      await page.getByRole('button', { name: 'I’ve allowed access, try again' }).click();
      await poll(() => page.getByTestId('context-owner').count()).toBe(1);
    });

    it('shows a small loading line, never a blank box, while the resolver answers', async () => {
      const { page } = await section({ 'issue/get-context': ['pending'] });
      await poll(() => page.getByTestId('loading').count()).toBe(1);
      expect(await page.getByTestId('loading').textContent()).toContain('Loading Role Split');
    });

    it('shows an error with Retry and recovers', async () => {
      const { page } = await section({
        'issue/get-context': [fail('JIRA_UNAVAILABLE', 'Jira answered 503'), ok(contextView())],
      });
      await poll(() => page.getByTestId('context-error').textContent()).toContain('Jira did not answer');
      await page.getByRole('button', { name: 'Retry' }).click();
      await poll(() => page.getByTestId('context-owner').count()).toBe(1);
    });

    it('reloads when Jira says the issue changed', async () => {
      const opened = await section({
        'issue/get-context': [ok(contextView()), ok(contextView({ owner: people.ana }))],
      });
      await poll(() => opened.page.getByTestId('context-owner').textContent()).toContain('Bo Chen');
      await poll(async () =>
        (await opened.calls('on')).map((c) => (c.payload as { event: string }).event),
      ).toContain('JIRA_ISSUE_CHANGED');
      await opened.emit('JIRA_ISSUE_CHANGED', { issueId: '10014' });
      await poll(() => opened.page.getByTestId('context-owner').textContent()).toContain('Ana Lima');
    });

    it('on a sub-task, links the story checked instead, or says it is an issue you cannot see', async () => {
      const subtask = {
        slot: null,
        owner: null,
        current: null,
        outOfScopeReason: 'subtask' as const,
        actions: NO_ACTIONS,
      };
      const seen = await section({
        'issue/get-context': [
          ok(contextView({ ...subtask, checkInstead: { key: 'SHOP-14', summary: 'Save card' } })),
        ],
      });
      await poll(() => seen.page.getByTestId('context-out-of-scope').textContent()).toContain('SHOP-14');
      await seen.close();
      const hidden = await section({
        'issue/get-context': [ok(contextView({ ...subtask, checkInsteadHidden: true }))],
      });
      await poll(() => hidden.page.getByTestId('context-out-of-scope').textContent()).toContain(
        'an issue you cannot see',
      );
    });

    it('a done issue still shows who owned it', async () => {
      const { page } = await section({
        'issue/get-context': [
          ok(contextView({ issue: { key: 'SHOP-14', kind: 'execution', statusCategory: 'done' } })),
        ],
      });
      await poll(() => page.getByTestId('context-owner-name').textContent()).toBe('Owned by Bo Chen');
    });

    it('opens the full view in a bridge Modal', async () => {
      const opened = await section({ 'issue/get-context': [ok(contextView())] });
      await opened.page.getByRole('button', { name: 'Open full view' }).click();
      await poll(() => opened.calls('openModal')).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({ context: { view: 'full' }, title: 'Role Split' }),
        }),
      ]);
    });
  });

  describe('full view', () => {
    it('renders in the modal with its actions, history and waivers, and closes', async () => {
      const opened = await open({
        module: 'jira:issueContext',
        modal: { view: 'full' },
        answers: [
          ok(
            storyPanel({
              actions: { ...NO_ACTIONS, change: true, clear: true, waive: true },
              current: { accountId: 'acc-cyrus', setAt: 'x' },
              history: [
                {
                  by: { accountId: 'acc-ana', displayName: 'Ana Lima' },
                  at: '2026-11-02T09:00:00Z',
                  slot: 'po',
                  from: null,
                  to: { accountId: 'acc-cyrus', displayName: 'Cyrus Okafor' },
                  action: 'assign',
                },
              ],
              waivers: [],
            }),
          ),
        ],
      });
      const { page } = opened;
      await poll(() => page.getByTestId('panel-owner').count()).toBe(1);
      expect(await page.getByTestId('panel-change').textContent()).toBe('Change PO');
      expect(await page.getByTestId('panel-history').textContent()).toContain(
        'Ana Lima set Cyrus Okafor as PO',
      );
      expect(await page.getByTestId('panel-waivers').textContent()).toContain(
        'No gap of this issue is waived',
      );
      await page.getByTestId('modal-close').click();
      await poll(async () => (await opened.calls('close')).length).toBe(1);
    });

    it('waives a failing gap with a reason and an end date, and revokes a waiver', async () => {
      const waiver = {
        code: 'STORY_WITHOUT_EPIC' as const,
        reason: 'Spike',
        author: { accountId: 'acc-ana', displayName: 'Ana Lima' },
        setAt: '2026-11-01T00:00:00Z',
        expiresAt: '2026-12-01T00:00:00Z',
      };
      const opened = await open({
        module: 'jira:issuePanel',
        answers: ['throw'],
        byKey: {
          'issue/get-panel': [
            ok(storyPanel({ actions: { ...NO_ACTIONS, waive: true }, waivers: [waiver], history: [] })),
          ],
          'issue/set-waiver': [ok({ waivers: [waiver] })],
          'issue/revoke-waiver': [ok({ waivers: [] })],
        },
      });
      const { page } = opened;
      await poll(() => page.getByTestId('panel-waiver-form').count()).toBe(1);
      await page.getByLabel('Reason').fill('Waiting for the new PO to start');
      await page.getByRole('button', { name: 'Waive gap' }).click();
      await poll(() => invokePayloads(opened, 'issue/set-waiver')).toEqual([
        {
          code: 'PO_NOT_ELIGIBLE',
          reason: 'Waiting for the new PO to start',
          expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        },
      ]);
      const [sent] = (await invokePayloads(opened, 'issue/set-waiver')) as Array<{ expiresAt: string }>;
      const days = (Date.parse(sent?.expiresAt ?? '') - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29);
      expect(days).toBeLessThanOrEqual(31);
      await page
        .getByTestId('panel-waiver-STORY_WITHOUT_EPIC')
        .getByRole('button', { name: 'Revoke' })
        .click();
      await poll(() => invokePayloads(opened, 'issue/revoke-waiver')).toEqual([
        { code: 'STORY_WITHOUT_EPIC' },
      ]);
    });
  });

  describe('issue panel', () => {
    it('shows an epic’s PM, eligibility, checks and its stories’ PO coverage', async () => {
      const { page } = await panel(ok(epicPanel()));
      const owner = page.getByTestId('panel-owner');
      await poll(() => owner.textContent()).toContain('Ana Lima');
      expect(await owner.textContent()).toContain('Eligible');
      expect(await owner.getAttribute('data-state')).toBe('eligible');
      expect(await page.getByTestId('panel-check-EPIC_WITHOUT_PM').getAttribute('data-status')).toBe('pass');
      expect(await page.getByRole('heading', { name: 'Product Manager' }).count()).toBe(1);
      expect(await page.getByTestId('panel-stories-summary').textContent()).toBe('2 of 3 stories have a PO');
      expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2');
      // An ineligible PO in the list says why, in words.
      expect(await page.getByTestId('panel-stories').textContent()).toContain('Not in PO role');
    });

    it('shows a story’s failing, waived and passing checks, and its epic’s PM', async () => {
      const { page } = await panel(ok(storyPanel()));
      const failing = page.getByTestId('panel-check-PO_NOT_ELIGIBLE');
      await poll(() => failing.getAttribute('data-status')).toBe('fail');
      expect(await failing.textContent()).toContain('PO not eligible');
      expect(await failing.textContent()).toContain('Error');
      expect(await page.getByTestId('panel-check-STORY_WITHOUT_EPIC').getAttribute('data-status')).toBe(
        'waived',
      );
      expect(await page.getByTestId('panel-check-STORY_WITHOUT_PO').getAttribute('data-status')).toBe('pass');
      expect(await page.getByTestId('panel-owner').textContent()).toContain('Not in PO role');
      const epic = await page.getByTestId('panel-epic').textContent();
      expect(epic).toContain('SHOP-12');
      expect(epic).toContain('Ana Lima');
    });

    it('says under a failing check who can fix it and how, in the compact section’s words; nothing under others', async () => {
      const { page } = await panel(
        ok(
          storyPanel({
            checks: [
              check('STORY_WITHOUT_PO', 'pass'),
              check('PO_NOT_ELIGIBLE', 'fail', null, { who: 'project-admin', how: 'add-owner-to-role' }),
              check('STORY_WITHOUT_EPIC', 'waived'),
            ],
          }),
        ),
      );
      const fix = page.getByTestId('panel-fix-PO_NOT_ELIGIBLE');
      await poll(() => fix.textContent()).toBe(
        'Ask a project admin to add Cyrus Okafor to the Product Owner role, or choose another PO.',
      );
      expect(await fix.getAttribute('data-who')).toBe('project-admin');
      expect(await page.getByTestId('panel-check-PO_NOT_ELIGIBLE').textContent()).toContain(
        'Ask a project admin',
      );
      // The passing and the waived rule need nothing done: no fix line.
      expect(await page.getByTestId('panel-check-STORY_WITHOUT_PO').count()).toBe(1);
      expect(await page.getByTestId('panel-fix-STORY_WITHOUT_PO').count()).toBe(0);
      expect(await page.getByTestId('panel-fix-STORY_WITHOUT_EPIC').count()).toBe(0);
      expect(await page.locator('[data-testid^="panel-fix-"]').count()).toBe(1);
    });

    it('shows a skipped check as not checked, with its reason, after the others and never as passed', async () => {
      const { page } = await panel(
        ok(
          storyPanel({
            owner: null,
            checks: [
              check('PO_NOT_ELIGIBLE', 'skipped', 'slot-empty'),
              check('STORY_WITHOUT_PO', 'fail'),
              check('ROLE_MISPLACED', 'pass'),
            ],
          }),
        ),
      );
      const skipped = page.getByTestId('panel-check-PO_NOT_ELIGIBLE');
      await poll(() => skipped.getAttribute('data-status')).toBe('skipped');
      const text = await skipped.textContent();
      expect(text).toContain('Not checked: no PO set yet.');
      expect(text).not.toContain('✓');
      expect(await page.getByTestId('panel-check-ROLE_MISPLACED').textContent()).toContain('✓');
      const order = await page
        .locator('[data-testid^="panel-check-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
      expect(order).toEqual(['fail', 'pass', 'skipped']);
      // Only the failure needs attention; the skipped rule is neither counted as a pass nor as a problem.
      expect(await page.getByTestId('panel-checks-summary').textContent()).toBe('1 of 3 needs attention');
    });

    it('says when the slot is empty', async () => {
      const { page } = await panel(
        ok(storyPanel({ owner: null, checks: [check('STORY_WITHOUT_PO', 'fail')] })),
      );
      await poll(() => page.getByTestId('panel-owner').textContent()).toContain('No PO yet');
      expect(await page.getByTestId('panel-owner').getAttribute('data-state')).toBe('empty');
    });

    it('warns about ownership data it cannot read, and about a role in the wrong slot', async () => {
      const { page } = await panel(
        ok(epicPanel({ owner: null, ownershipInvalid: true, misplaced: { ...people.bo, role: 'po' } })),
      );
      await poll(() => page.getByTestId('panel-ownership-invalid').textContent()).toContain(
        'written by another tool',
      );
      expect(await page.getByTestId('panel-misplaced').textContent()).toContain(
        'Bo Chen is set as Product Owner',
      );
      expect(await page.getByTestId('panel-owner').getAttribute('data-state')).toBe('unreadable');
    });

    it('explains an out-of-scope issue instead of showing empty checks', async () => {
      const subtask = storyPanel({
        slot: null,
        outOfScopeReason: 'subtask',
        owner: null,
        checks: [],
        epic: null,
      });
      const { page } = await panel(ok(subtask));
      const empty = page.getByTestId('panel-out-of-scope');
      await poll(() => empty.textContent()).toContain('Sub-tasks are not tracked');
      expect(await empty.getAttribute('data-reason')).toBe('subtask');
      expect(await page.getByTestId('panel-owner').count()).toBe(0);
    });

    it('shows a mapped error with Retry, and recovers on retry', async () => {
      const opened = await panel(
        fail('ROSTER_UNAVAILABLE', 'project role "Product Owner" returned 403'),
        ok(epicPanel()),
      );
      const { page } = opened;
      const error = page.getByTestId('panel-error');
      await poll(() => error.textContent()).toContain("Ask a Jira admin to check the project's roles.");
      expect(await error.textContent()).toContain('project role "Product Owner" returned 403');
      expect(await error.textContent()).not.toContain('Details:');
      expect(await page.getByTestId('panel-owner').count()).toBe(0);
      await page.getByRole('button', { name: 'Retry' }).click();
      await poll(() => page.getByTestId('panel-owner').count()).toBe(1);
      expect(await page.getByTestId('panel-error').count()).toBe(0);
      expect((await opened.calls('invoke')).map((c) => c.payload)).toEqual([
        expect.objectContaining({ functionKey: 'issue/get-panel', payload: {} }),
        expect.objectContaining({ functionKey: 'issue/get-panel', payload: {} }),
      ]);
    });

    it('turns a failing bridge into an error message, not an unhandled rejection', async () => {
      const { page } = await panel('throw');
      await poll(() => page.getByTestId('panel-error').textContent()).toContain(
        'Something went wrong in Role Split',
      );
    });

    it('shows a spinner while the resolver answers', async () => {
      const { page } = await panel('pending');
      await poll(() => page.getByTestId('loading').count()).toBe(1);
    });

    it('opens issues through Forge’s router', async () => {
      const opened = await panel(ok(storyPanel()));
      await opened.page.getByRole('link', { name: 'SHOP-12' }).click();
      await poll(() => opened.calls('navigate')).toEqual([
        { type: 'navigate', payload: { url: '/browse/SHOP-12', type: 'same-tab' } },
      ]);
    });
  });

  // The Alignment page has its own browser tests: alignment-page.browser.test.ts.

  it('follows Jira’s dark theme with the shipped design tokens', async () => {
    const light = await open({ module: 'jira:issuePanel', answers: [ok(epicPanel())] });
    await poll(() => light.page.getByTestId('panel-owner').count()).toBe(1);
    const lightBackground = await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await light.troubles()).toEqual([]);
    await light.close();

    const dark = await open({ module: 'jira:issuePanel', colorMode: 'dark', answers: [ok(epicPanel())] });
    await poll(() => dark.page.getByTestId('panel-owner').count()).toBe(1);
    expect(await dark.calls('enableTheming')).toHaveLength(1);
    expect(await dark.page.evaluate(() => document.documentElement.dataset.colorMode)).toBe('dark');
    const darkSurface = await dark.page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
    );
    expect(darkSurface).not.toBe('');
    expect(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(
      lightBackground,
    );
  });
});
