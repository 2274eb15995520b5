// Who hears what (src/app/notify/plan-run.ts): routing by the gap's kind and code, the reminder interval,
// warnings, mutes, people who cannot receive email, the per-run cap.
import { describe, expect, it } from '@jest/globals';
import {
  defaultNotificationSettings,
  type NotificationSettings,
} from '../../../../src/contract/notifications';
import { planRun, type OpenGap, type PlanInput, type PlanPerson } from '../../../../src/app/notify/plan-run';

const NOW = new Date('2026-03-02T09:30:00Z');
const DAY = 86_400_000;

function gap(partial: Partial<OpenGap> & Pick<OpenGap, 'issueId' | 'code'>): OpenGap {
  return {
    issueKey: `P-${partial.issueId}`,
    summary: `Issue ${partial.issueId}`,
    issueType: 'Story',
    severity: 'error',
    kind: 'execution',
    owner: null,
    epicPm: null,
    ...partial,
  };
}

function input(
  overrides: Partial<Omit<PlanInput, 'settings'>> & { settings?: Partial<NotificationSettings> } = {},
): PlanInput {
  const person: PlanPerson = { active: true, accountType: 'atlassian' };
  const people = new Map<string, PlanPerson>(
    ['lead', 'pmlead', 'extra', 'epicpm', 'po', 'ineligible'].map((id) => [id, person]),
  );
  return {
    lead: 'lead',
    people,
    muted: new Set(),
    ledger: new Map(),
    now: NOW,
    ...overrides,
    settings: {
      ...defaultNotificationSettings(),
      enabled: true,
      recipients: { projectLead: true, pmLeads: ['pmlead'], extra: ['extra'] },
      ...overrides.settings,
    },
  };
}

const recipientsOf = (plan: ReturnType<typeof planRun>) =>
  Object.fromEntries(plan.recipients.map((r) => [r.accountId, r.items.map((i) => i.gapKey).sort()]));

describe('planRun routing', () => {
  it('sends strategy gaps to the lead and PM leads, story gaps to the epic PM or else lead and extras', () => {
    const plan = planRun(
      [
        gap({ issueId: '1', code: 'EPIC_WITHOUT_PM', kind: 'strategy' }),
        gap({ issueId: '2', code: 'STORY_WITHOUT_PO', epicPm: 'epicpm' }),
        gap({ issueId: '3', code: 'STORY_WITHOUT_PO' }),
        gap({ issueId: '4', code: 'STORY_WITHOUT_EPIC', owner: 'po', severity: 'warning' }),
      ],
      input({ settings: { warnings: true } }),
    );
    expect(recipientsOf(plan)).toEqual({
      lead: ['1:EPIC_WITHOUT_PM', '3:STORY_WITHOUT_PO'],
      pmlead: ['1:EPIC_WITHOUT_PM'],
      epicpm: ['2:STORY_WITHOUT_PO'],
      extra: ['3:STORY_WITHOUT_PO'],
      po: ['4:STORY_WITHOUT_EPIC'],
    });
  });

  it('never tells the person a *_NOT_ELIGIBLE gap names, and says so', () => {
    const plan = planRun(
      [gap({ issueId: '1', code: 'PM_NOT_ELIGIBLE', kind: 'strategy', owner: 'lead' })],
      input(),
    );
    expect(Object.keys(recipientsOf(plan))).toEqual(['pmlead']);
    expect(plan.skipped).toContainEqual({ accountId: 'lead', reason: 'not-eligible-named' });
  });

  it('leaves warnings out unless they are on', () => {
    const gaps = [gap({ issueId: '1', code: 'STORY_WITHOUT_EPIC', severity: 'warning', owner: 'po' })];
    expect(planRun(gaps, input()).recipients).toEqual([]);
    expect(planRun(gaps, input({ settings: { warnings: true } })).recipients).toHaveLength(1);
  });

  it('skips and counts a missing or inactive lead, muted people and unknown accounts', () => {
    const gaps = [gap({ issueId: '1', code: 'EPIC_WITHOUT_PM', kind: 'strategy' })];
    expect(planRun(gaps, input({ lead: null })).skipped).toContainEqual({
      accountId: null,
      reason: 'no-lead',
    });
    const people = new Map(input().people);
    people.set('lead', { active: false, accountType: 'atlassian' });
    people.delete('pmlead');
    const plan = planRun(gaps, input({ people, muted: new Set(['extra']) }));
    expect(plan.recipients).toEqual([]);
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { accountId: 'lead', reason: 'inactive-lead' },
        { accountId: 'pmlead', reason: 'inactive' },
      ]),
    );
    const muted = planRun(
      [gap({ issueId: '2', code: 'STORY_WITHOUT_PO' })],
      input({ muted: new Set(['extra']) }),
    );
    expect(Object.keys(recipientsOf(muted))).toEqual(['lead']);
    expect(muted.skipped).toContainEqual({ accountId: 'extra', reason: 'muted' });
  });
});

describe('planRun timing', () => {
  const gaps = [gap({ issueId: '1', code: 'EPIC_WITHOUT_PM', kind: 'strategy' })];
  const told = (msAgo: number) =>
    new Map([['lead', new Map([['1:EPIC_WITHOUT_PM', NOW.getTime() - msAgo]])]]);

  it('sends a new gap at once and a told one again only after the reminder interval', () => {
    const settings = { reminderDays: 7, recipients: { projectLead: true, pmLeads: [], extra: [] } };
    expect(planRun(gaps, input({ settings })).recipients[0]?.items[0]?.reminder).toBe(false);
    expect(planRun(gaps, input({ settings, ledger: told(6 * DAY) })).recipients).toEqual([]);
    // Forge runs the hourly trigger anywhere in its hour: a week later at an earlier minute still reminds.
    const reminder = planRun(gaps, input({ settings, ledger: told(7 * DAY - 50 * 60_000) }));
    expect(reminder.recipients[0]?.items[0]?.reminder).toBe(true);
    expect(reminder.routed.get('lead')).toEqual(new Set(['1:EPIC_WITHOUT_PM']));
  });
});

describe('planRun cap', () => {
  it('keeps the heaviest digests within the per-run cap and reports the rest', () => {
    const gaps = [
      gap({ issueId: '1', code: 'STORY_WITHOUT_PO', epicPm: 'epicpm' }),
      gap({ issueId: '2', code: 'STORY_WITHOUT_PO' }),
      gap({ issueId: '3', code: 'STORY_WITHOUT_PO' }),
    ];
    const plan = planRun(gaps, input({ settings: { perRunCap: 2 } }));
    expect(plan.recipients.map((r) => r.accountId)).toEqual(['extra', 'lead']);
    expect(plan.cappedOut.map((r) => r.accountId)).toEqual(['epicpm']);
  });
});
