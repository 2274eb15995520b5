// The project page "Alignment" (`jira:projectPage`): coverage at a glance, then every gap, filterable.
import EmptyState from '@atlaskit/empty-state';
import type { AlignmentView } from '../../../src/contract';
import { useResolver } from '../api';
import { ErrorMessage } from '../components/error-message';
import { Loading } from '../components/loading';
import { CoverageCards } from './coverage-cards';
import { GapExplorer } from './gap-explorer';
import { PageHeader } from './page-header';
import { WaivedList } from './waived-list';

/** Stable payload: the backend takes the project from its own context. */
const NO_PAYLOAD = {};

export function AlignmentPage() {
  const { state, retry } = useResolver('project/get-alignment', NO_PAYLOAD);
  return (
    <main className="rs-page">
      {state.status === 'ready' ? (
        <>
          <PageHeader
            view={state.data}
            refreshing={state.refreshing}
            refreshFailed={state.refreshError !== null}
            onRefresh={retry}
          />
          {state.refreshError && (
            <div className="rs-section">
              <ErrorMessage
                error={state.refreshError}
                onRetry={retry}
                testId="page-error"
                retrying={state.refreshing}
              />
            </div>
          )}
          <AlignmentContent view={state.data} />
        </>
      ) : (
        <>
          <PageHeader view={null} refreshing={false} onRefresh={retry} />
          {state.status === 'loading' && <Loading label="Loading alignment" />}
          {state.status === 'error' && (
            <ErrorMessage error={state.error} onRetry={retry} testId="page-error" />
          )}
        </>
      )}
    </main>
  );
}

export function AlignmentContent({ view }: { view: AlignmentView }) {
  const { coverage } = view;
  const nothingInScope = coverage.strategyIssues === 0 && coverage.executionIssues === 0;
  return (
    <>
      <CoverageCards coverage={coverage} />
      {view.gaps.length > 0 ? (
        <GapExplorer gaps={view.gaps} byCode={view.byCode} />
      ) : (
        <div data-testid="page-empty">
          {nothingInScope ? (
            <EmptyState
              header="Nothing to check yet"
              description="This project has no epics or stories in Role Split's scope. Once it has, their owners show up here."
              headingLevel={2}
            />
          ) : (
            <EmptyState
              header="No gaps"
              description={
                <>
                  Every epic and initiative has a PM and every story has a PO.{' '}
                  <span role="img" aria-label="Celebration">
                    🎉
                  </span>
                </>
              }
              headingLevel={2}
            />
          )}
        </div>
      )}
      {view.waived.length > 0 && <WaivedList waived={view.waived} />}
    </>
  );
}
