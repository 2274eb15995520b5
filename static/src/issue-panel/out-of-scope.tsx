// Issues Role Split does not track: say why, and what it does cover, instead of an empty panel.
import EmptyState from '@atlaskit/empty-state';
import type { IssuePanelView } from '../../../src/contract';

const COVERS =
  'Role Split gives every epic and initiative a Product Manager and every story a Product Owner.';

function explain(view: IssuePanelView): { header: string; description: string } {
  switch (view.outOfScopeReason) {
    case 'subtask':
      return {
        header: 'Sub-tasks are not tracked',
        description: `${COVERS} A sub-task is part of its parent story, so Role Split checks the story instead.`,
      };
    case 'done':
      return {
        header: 'This issue is done',
        description: `${COVERS} Done issues are not checked in this project.`,
      };
    case 'type-not-in-scope':
    default:
      return {
        header: `${view.issue.issueType} issues are not tracked here`,
        // No settings page exists yet, so say where the choice lives without pointing at a page.
        description: `${COVERS} The project's Role Split policy decides which issue types count as stories (by default, only Story).`,
      };
  }
}

export function OutOfScope({ view }: { view: IssuePanelView }) {
  const { header, description } = explain(view);
  return (
    <div data-testid="panel-out-of-scope" data-reason={view.outOfScopeReason ?? 'none'}>
      <EmptyState
        header={header}
        description={description}
        headingLevel={2}
        headingSize="xsmall"
        width="narrow"
      />
    </div>
  );
}
