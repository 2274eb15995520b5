// An issue without a slot, said in one or two lines: a sub-task points at the story checked instead (or says
// it is "an issue you cannot see"), another type says it is not tracked here.
import type { IssueContextView } from '../../../src/contract';
import { IssueLink } from '../components/issue-link';

export function OutOfScopeLine({ view }: { view: IssueContextView }) {
  if (view.outOfScopeReason === 'subtask') {
    return (
      <p data-testid="context-out-of-scope" data-reason="subtask">
        Sub-tasks have no owner of their own: Role Split checks their parent.{' '}
        {view.checkInstead ? (
          <>
            See <IssueLink issueKey={view.checkInstead.key} />{' '}
            <span className="rs-subtle">{view.checkInstead.summary}</span>.
          </>
        ) : view.checkInsteadHidden ? (
          'Its parent is an issue you cannot see.'
        ) : (
          'This one has no parent.'
        )}
      </p>
    );
  }
  return (
    <p data-testid="context-out-of-scope" data-reason={view.outOfScopeReason ?? 'none'}>
      Role Split does not track this issue type here: it gives every epic and initiative a PM and every story
      a PO. The project’s Role Split policy decides which types count as stories.
    </p>
  );
}
