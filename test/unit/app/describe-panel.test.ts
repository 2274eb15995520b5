// The full view (describePanel) and the compact section (describeContext) over the fake Jira: a failing check in
// the full view says who can fix it and how, with the same hint the compact section gives for the same gap on
// the same issue; a passing check carries none.
import { describe, expect, it } from '@jest/globals';
import type { IssueRef } from '../../../src/app/change-ownership';
import { describeContext } from '../../../src/app/describe-context';
import { describePanel } from '../../../src/app/describe-panel';
import type { OwnershipPorts } from '../../../src/app/ports';
import type { CheckView, FixHint } from '../../../src/contract/views';
import type { GapCode, IssueFacts } from '../../../src/domain/model';
import { TEST_NOW, aPolicy, aStory, anEpic } from '../../support/builders';
import { MemoryStore } from '../../support/memory-store';
import { PEOPLE, aSite } from './site';

const VIEWER = 'viewer-vic';

async function bothViews(story: IssueFacts, options: { canEdit: boolean; related?: IssueFacts[] }) {
  const site = aSite().addIssues(story, ...(options.related ?? []));
  const ports: OwnershipPorts = {
    jira: site.app,
    // Jira's Edit Issues answer for the viewer (the fake has no permission scheme).
    userJira: { ...site.asUser(VIEWER), hasPermission: () => Promise.resolve(options.canEdit) },
    clock: { now: () => TEST_NOW },
    store: new MemoryStore(),
  };
  // The fake Jira finds issues by key, so the key stands in for the issue id.
  const issue: IssueRef = { id: story.key, key: story.key, projectId: '10000' };
  const request = { issue, viewer: VIEWER, policy: aPolicy() };
  const [context, panel] = [await describeContext(ports, request), await describePanel(ports, request)];
  return { context, panel };
}

function fixes(checks: readonly CheckView[]): Array<[GapCode, CheckView['status'], FixHint | null]> {
  return checks.map((c) => [c.code, c.status, c.fix]);
}

describe('describePanel: who can fix a failing check, and how', () => {
  it('gives a viewer who may not edit the same fixes as the compact section: ask a project admin, ask an editor', async () => {
    // The PO holds the Product Manager role, not the Product Owner one; the story has no epic.
    const { context, panel } = await bothViews(aStory('ALPHA-2', { po: PEOPLE.pm }), { canEdit: false });

    expect(context.gaps.map((g) => g.code)).toEqual(['PO_NOT_ELIGIBLE', 'STORY_WITHOUT_EPIC']);
    for (const gap of context.gaps) {
      expect(panel.checks.find((c) => c.code === gap.code)).toMatchObject({ status: 'fail', fix: gap.fix });
    }
    expect(fixes(panel.checks)).toEqual([
      ['OWNERSHIP_INVALID', 'pass', null],
      ['STORY_WITHOUT_PO', 'pass', null],
      ['PO_NOT_ELIGIBLE', 'fail', { who: 'project-admin', how: 'add-owner-to-role' }],
      ['ROLE_MISPLACED', 'pass', null],
      ['SAME_PERSON_PM_AND_PO', 'skipped', null],
      ['STORY_WITHOUT_EPIC', 'fail', { who: 'issue-editor', how: 'set-parent-epic' }],
    ]);
  });

  it('tells a viewer who may edit to fix it themselves, as the compact section does', async () => {
    const { context, panel } = await bothViews(aStory('ALPHA-2', { parent: 'ALPHA-1' }), {
      canEdit: true,
      related: [anEpic('ALPHA-1', { pm: PEOPLE.pm })],
    });

    expect(context.gaps).toEqual([
      { code: 'STORY_WITHOUT_PO', severity: 'error', fix: { who: 'you', how: 'assign-owner' } },
    ]);
    expect(panel.checks.find((c) => c.code === 'STORY_WITHOUT_PO')?.fix).toEqual(context.gaps[0]?.fix);
    expect(panel.checks.filter((c) => c.status !== 'fail').map((c) => c.fix)).toEqual(
      panel.checks.filter((c) => c.status !== 'fail').map(() => null),
    );
  });
});
