// The project page's view, over the fake Jira: the scan's report shaped for rendering, with gap counts per code,
// and an AppError the UI can show when the roster cannot be read.
import { describe, expect, it } from '@jest/globals';
import { buildAlignment } from '../../../src/app/build-alignment';
import { AppError, toResolverError } from '../../../src/app/errors';
import { TEST_NOW, aPolicy, aWaiver, anEpic, aStory } from '../../support/builders';
import { PEOPLE, aSite, portsOf } from './site';

function aProject() {
  return aSite().addIssues(
    anEpic('ALPHA-1', { pm: PEOPLE.pm }),
    aStory('ALPHA-2', { parent: 'ALPHA-1' }),
    aStory('ALPHA-3', { parent: 'ALPHA-1' }),
    aStory('ALPHA-4', { parent: 'ALPHA-1', po: PEOPLE.outsider }),
    aStory('ALPHA-5', { po: PEOPLE.po }),
    anEpic('ALPHA-6'),
  );
}

describe('buildAlignment', () => {
  it('shapes the scan for the page: project, time, issues read, coverage, counts per code and the gaps', async () => {
    const view = await buildAlignment(portsOf(aProject().app), { projectKey: 'ALPHA', policy: aPolicy() });
    expect(view).toMatchObject({
      project: { id: '10000', key: 'ALPHA', name: 'Alpha' },
      scannedAt: TEST_NOW.toISOString(),
      issuesRead: 6,
      coverage: { strategyIssues: 2, withPm: 1, executionIssues: 4, withPo: 1 },
      byCode: {
        EPIC_WITHOUT_PM: 1,
        STORY_WITHOUT_PO: 2,
        PO_NOT_ELIGIBLE: 1,
        STORY_WITHOUT_EPIC: 1,
        EPIC_WITHOUT_STORIES: 1,
      },
      waived: [],
    });
    expect(Object.values(view.byCode).reduce((a, b) => a + b, 0)).toBe(view.gaps.length);
    expect(view.gaps.map((g) => g.issueKey)).toEqual([
      'ALPHA-6',
      'ALPHA-2',
      'ALPHA-3',
      'ALPHA-4',
      'ALPHA-5',
      'ALPHA-6',
    ]);
  });

  it('counts waived gaps apart from the rest', async () => {
    const waivers = { waiversFor: () => Promise.resolve([aWaiver('ALPHA-2', 'STORY_WITHOUT_PO')]) };
    const view = await buildAlignment(portsOf(aProject().app, { waivers }), {
      projectKey: 'ALPHA',
      policy: aPolicy(),
    });
    expect(view.byCode.STORY_WITHOUT_PO).toBe(1);
    expect(view.waived.map((w) => [w.code, w.issueKey, w.waiver.reason])).toEqual([
      ['STORY_WITHOUT_PO', 'ALPHA-2', 'Agreed at planning'],
    ]);
  });

  it('throws ROSTER_UNAVAILABLE, which the UI receives with its message, when a role cannot be read', async () => {
    const site = aProject().refuse('getProjectRoles', 'forbidden');
    const failure = await buildAlignment(portsOf(site.app), { projectKey: 'ALPHA', policy: aPolicy() }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect(toResolverError(failure)).toEqual({
      code: 'ROSTER_UNAVAILABLE',
      message: expect.stringMatching(/^Could not read the project roles of ALPHA: .*Administer Projects/),
    });
  });
});
