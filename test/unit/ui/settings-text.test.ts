// The settings page's words: onboarding for missing roles (create them, or why they cannot be created), where the
// settings come from, the scan box's durations and outcomes, and refused saves.
import { describe, expect, it } from '@jest/globals';
import {
  durationText,
  eligibilityText,
  FORBIDDEN_TEXT,
  onboardingText,
  scanOutcomeText,
  settingsErrorText,
  sourceNote,
} from '../../../static/src/settings-page/settings-text';

describe('onboarding', () => {
  it('says nothing when every role exists', () => {
    expect(onboardingText({ kind: 'ok' })).toBeNull();
  });

  it('names the missing roles and says how a Jira admin creates them', () => {
    const text = onboardingText({
      kind: 'create-roles',
      missing: [
        { role: 'pm', name: 'Product Manager' },
        { role: 'po', name: 'Product Owner' },
      ],
    });
    expect(text?.title).toBe(
      'The “Product Manager” (PM) and “Product Owner” (PO) project roles do not exist yet',
    );
    const body = text?.paragraphs.join(' ') ?? '';
    expect(body).toContain('Settings › System › Project roles');
    expect(body).toContain('People settings');
    expect(text?.preferGroupsAndPeople).toBe(false);
  });

  it('speaks of one role in the singular', () => {
    const text = onboardingText({ kind: 'create-roles', missing: [{ role: 'po', name: 'PO' }] });
    expect(text?.title).toBe('The “PO” (PO) project role does not exist yet');
    expect(text?.paragraphs.join(' ')).toContain('A Jira admin can create it in');
  });

  it('explains Jira Free and team-managed projects, and leads with groups and people', () => {
    const missing = [{ role: 'pm' as const, name: 'Product Manager' }];
    const free = onboardingText({ kind: 'roles-unavailable', reason: 'free-plan', missing });
    expect(free?.title).toBe('Jira Free has no custom project roles');
    expect(free?.preferGroupsAndPeople).toBe(true);
    expect(free?.paragraphs.join(' ')).toContain('Name the PMs and POs as groups or people below');
    const team = onboardingText({ kind: 'roles-unavailable', reason: 'team-managed', missing });
    expect(team?.title).toBe('Team-managed projects have a fixed set of roles');
    expect(team?.paragraphs.join(' ')).toContain('Administrator, Member, Viewer');
    expect(team?.paragraphs.join(' ')).not.toContain('Settings › System');
  });
});

describe('where the settings come from', () => {
  it('says the defaults apply, or why the stored value was not used', () => {
    expect(sourceNote({ source: 'stored', problem: null })).toBeNull();
    expect(sourceNote({ source: 'default', problem: null })?.title).toBe('Role Split is using its defaults');
    const unreadable = sourceNote({ source: 'unreadable', problem: 'graceDays is not a whole number.' });
    expect(unreadable?.body).toBe('graceDays is not a whole number. The defaults apply until you save.');
  });

  it('where the default roles cannot exist, says the defaults name roles this project does not have', () => {
    const missing = [{ role: 'pm' as const, name: 'Product Manager' }];
    const body = (onboarding: Parameters<typeof sourceNote>[0]['onboarding']) =>
      sourceNote({ source: 'default', problem: null, onboarding })?.body ?? '';
    expect(body({ kind: 'roles-unavailable', reason: 'team-managed', missing })).toContain(
      'the defaults name a Product Manager and a Product Owner role that this project does not have',
    );
    expect(body({ kind: 'roles-unavailable', reason: 'free-plan', missing })).not.toContain(
      'PMs come from the Product Manager role',
    );
    expect(body({ kind: 'ok' })).toContain('PMs come from the Product Manager role');
  });
});

describe('the eligibility rules follow the sources', () => {
  const none = { projectRoles: [], groups: [], accountIds: [] };
  it('names the roles, groups and people the settings use', () => {
    expect(eligibilityText('pm', { ...none, projectRoles: ['Product Manager'] })).toBe(
      'The PM must be an active person in this project’s Product Manager role.',
    );
    expect(eligibilityText('po', { ...none, groups: [{ name: 'po-leads' }], accountIds: ['a'] })).toBe(
      'The PO must be an active person in the group po-leads or named in these settings.',
    );
    expect(
      eligibilityText('pm', {
        projectRoles: ['Member'],
        groups: [{ name: 'pms' }, { name: 'leads' }],
        accountIds: [],
      }),
    ).toBe('The PM must be an active person in this project’s Member role or in the groups pms and leads.');
  });
});

describe('the scan box', () => {
  it.each([
    [null, null],
    [-1, null],
    [0, '0 s'],
    [400, '1 s'],
    [45_000, '45 s'],
    [120_000, '2 min'],
    [125_000, '2 min 5 s'],
    [3_780_000, '1 h 3 min'],
    [7_200_000, '2 h'],
  ])('durationText(%s) is %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });

  it('words the outcome by kind and state', () => {
    const scan = {
      kind: 'full' as const,
      phase: 'done' as const,
      done: 10,
      total: 10,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      error: null,
    };
    expect(scanOutcomeText({ ...scan, state: 'done' })).toBe('Full scan finished');
    expect(scanOutcomeText({ ...scan, state: 'failed', kind: 'incremental' })).toBe('Rescan failed');
    expect(scanOutcomeText({ ...scan, state: 'queued' })).toBe('Full scan waiting to start');
  });
});

describe('refused saves', () => {
  it('says who may change the settings on FORBIDDEN, and that nothing typed is lost', () => {
    const text = settingsErrorText({ code: 'FORBIDDEN', message: 'no' }, 'save');
    expect(text.title).toBe(FORBIDDEN_TEXT.title);
    expect(text.title).toBe('Only a project admin or a Jira admin can change these settings');
    expect(text.body).toContain('your changes are still here');
  });

  it('shows the backend’s reason for a refused value, as a sentence', () => {
    const text = settingsErrorText(
      {
        code: 'BAD_REQUEST',
        message: 'Feature is not a level-0 issue type of SHOP: choose Story, Bug or Task',
      },
      'save',
    );
    expect(text.title).toBe('These settings were not saved');
    expect(text.body).toBe(
      'Feature is not a level-0 issue type of SHOP: choose Story, Bug or Task. Nothing was saved; your changes are still here.',
    );
  });

  it('maps other codes with the app’s words and keeps the changes', () => {
    const text = settingsErrorText({ code: 'JIRA_UNAVAILABLE', message: 'Jira answered 503' }, 'save');
    expect(text.title).toBe('Not saved: Jira did not answer');
    expect(text.body).toMatch(/Your changes are still here\.$/);
    expect(text.detail).toBe('Jira answered 503');
    const check = settingsErrorText({ code: 'RATE_LIMITED', message: '' }, 'check');
    expect(check.title).toBe('Could not check the scans: Jira asked Role Split to slow down');
    expect(check.body).not.toContain('changes are still here');
  });
});
