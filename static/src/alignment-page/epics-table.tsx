// Epics and initiatives with their PM, how many stories they have and how many of those have a PO; each row
// opens (a disclosure button) to its stories, read a page at a time.
import Heading from '@atlaskit/heading';
import { Fragment, useState } from 'react';
import type { EpicRowView } from '../../../src/contract/alignment';
import { coveragePercent } from '../../../src/domain/coverage';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import { IssueLink } from '../components/issue-link';
import { Loading } from '../components/loading';
import { GAP_TEXT } from '../gap-text';
import { Ellipsis, LoadMore, PersonCell, TableScroll } from './cells';
import { usePagedList } from './use-load';
import { useBulk } from './bulk-context';
import { offersStoriesWithoutPo } from './bulk-selection';

const PAGE = 50;
const STORY_PAGE = 25;

function gapTitles(codes: readonly EpicRowView['gapCodes'][number][]): string {
  return codes.map((code) => GAP_TEXT[code].title).join(', ');
}

function PoCoverage({ epic }: { epic: EpicRowView }) {
  const { locale } = useAppContext();
  const number = new Intl.NumberFormat(locale);
  const pct = coveragePercent(epic.storiesWithPo, epic.storyCount);
  // EPIC_WITHOUT_STORIES says whether it has stories anywhere; this column counts this project's only.
  if (pct === null) return <span className="rs-subtle">No stories in this project</span>;
  return (
    <span data-testid="epic-po-coverage">
      {number.format(epic.storiesWithPo)} of {number.format(epic.storyCount)} ({pct}%)
    </span>
  );
}

function EpicStories({ epic, version, id }: { epic: EpicRowView; version: number; id: string }) {
  const list = usePagedList(
    'project/list-epic-stories',
    { epicId: epic.issueId, limit: STORY_PAGE },
    version,
  );
  if (list.status === 'loading') return <Loading label={`Loading the stories of ${epic.issueKey}`} />;
  if (list.status === 'error' && list.error)
    return <ErrorMessage error={list.error} onRetry={list.retry} testId="epic-stories-error" />;
  if (list.items.length === 0)
    return (
      <p className="rs-subtle" data-testid="epic-stories-empty">
        {epic.level >= 2
          ? `No stories directly under ${epic.issueKey}: its stories sit under its epics, listed in this table.`
          : `No stories of this project directly under ${epic.issueKey} that you can see.`}
      </p>
    );
  return (
    <div id={id} data-testid="epic-stories" data-epic={epic.issueKey}>
      <ul className="rs-story-list" aria-label={`Stories of ${epic.issueKey}`}>
        {list.items.map((story) => (
          <li
            key={story.issueId}
            className="rs-story-item"
            data-testid="epic-story"
            data-issue={story.issueKey}
          >
            <IssueLink issueKey={story.issueKey} />
            <Ellipsis text={story.summary} />
            <span className="rs-subtle rs-small">{story.issueType}</span>
            <PersonCell person={story.po} none="No PO" role="po" />
            {story.gapCodes.length > 0 ? (
              <Ellipsis text={gapTitles(story.gapCodes)} className="rs-text-warning rs-small" />
            ) : (
              <span className="rs-subtle rs-small">No gaps</span>
            )}
          </li>
        ))}
      </ul>
      <LoadMore
        hasMore={list.hasMore}
        loading={list.loadingMore}
        error={list.error}
        onLoadMore={list.loadMore}
        shown={`${list.items.length} ${list.items.length === 1 ? 'story' : 'stories'} shown${list.hasMore ? '' : ', all of them'}`}
        noun="stories"
        testId="epic-stories-more"
      />
    </div>
  );
}

/** "Assign PO to stories without one…" on a row whose stories lack a PO (bulk assignment, when offered). */
function AssignStoriesCell({ epic }: { epic: EpicRowView }) {
  const bulk = useBulk();
  if (!bulk) return null;
  return (
    <td>
      {offersStoriesWithoutPo(epic) && (
        <button
          type="button"
          className="rs-btn rs-btn--link rs-bulk-epic-action"
          onClick={() =>
            bulk.open({
              kind: 'assign-epic',
              epic: { issueId: epic.issueId, issueKey: epic.issueKey, summary: epic.summary },
            })
          }
          aria-label={`Assign PO to stories without one… (${epic.issueKey})`}
          data-testid="bulk-assign-epic"
        >
          Assign PO to stories without one…
        </button>
      )}
    </td>
  );
}

function EpicRow({ epic, version }: { epic: EpicRowView; version: number }) {
  const [open, setOpen] = useState(false);
  const columns = useBulk() ? 8 : 7;
  const { locale } = useAppContext();
  const panelId = `rs-epic-${epic.issueId}-stories`;
  return (
    <Fragment>
      <tr data-testid="epic-row" data-issue={epic.issueKey}>
        <td>
          <button
            type="button"
            className="rs-disclosure"
            aria-expanded={open}
            aria-controls={panelId}
            aria-label={`${open ? 'Hide' : 'Show'} the stories of ${epic.issueKey}`}
            onClick={() => setOpen((value) => !value)}
            data-testid="epic-toggle"
          >
            <span aria-hidden="true" className="rs-disclosure-icon">
              {open ? '▾' : '▸'}
            </span>
          </button>
        </td>
        <td>
          <IssueLink issueKey={epic.issueKey} />
        </td>
        <td>
          <Ellipsis text={epic.summary} />
        </td>
        <td>
          <Ellipsis text={epic.issueType} />
        </td>
        <td>
          <PersonCell person={epic.pm} none="No PM" role="pm" />
        </td>
        <td className="rs-num">{new Intl.NumberFormat(locale).format(epic.storyCount)}</td>
        <td>
          <PoCoverage epic={epic} />
        </td>
        <AssignStoriesCell epic={epic} />
      </tr>
      {open && (
        <tr className="rs-epic-stories-row">
          <td colSpan={columns}>
            <EpicStories epic={epic} version={version} id={panelId} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function EpicsTable({ version }: { version: number }) {
  const bulk = useBulk();
  const list = usePagedList('project/list-epics', { limit: PAGE }, version);
  return (
    <section className="rs-section" aria-labelledby="rs-epics-heading" data-testid="page-epics">
      <div className="rs-section-heading">
        <Heading size="medium" as="h2" id="rs-epics-heading">
          Epics and initiatives
        </Heading>
      </div>
      {list.status === 'loading' && <Loading label="Loading epics and initiatives" />}
      {list.status === 'error' && list.error && (
        <ErrorMessage error={list.error} onRetry={list.retry} testId="page-epics-error" />
      )}
      {list.status === 'ready' && list.items.length === 0 && (
        <p className="rs-subtle" data-testid="page-epics-empty">
          No epics or initiatives you can see in Role Split&apos;s scope.
        </p>
      )}
      {list.status === 'ready' && list.items.length > 0 && (
        <>
          <TableScroll label="Epics and initiatives" testId="page-epics-table">
            <table className="rs-table-plain rs-epics-table">
              <colgroup>
                <col className="rs-col-toggle" />
                <col className="rs-col-key" />
                <col />
                <col className="rs-col-type" />
                <col className="rs-col-pm" />
                <col className="rs-col-count" />
                <col className="rs-col-coverage" />
                {bulk && <col className="rs-col-bulk" />}
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="rs-visually-hidden">Show stories</span>
                  </th>
                  <th scope="col">Key</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Type</th>
                  <th scope="col">PM</th>
                  <th scope="col" className="rs-num">
                    Stories
                  </th>
                  <th scope="col">Stories with a PO</th>
                  {bulk && (
                    <th scope="col">
                      <span className="rs-visually-hidden">Bulk assignment</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.items.map((epic) => (
                  <EpicRow key={epic.issueId} epic={epic} version={version} />
                ))}
              </tbody>
            </table>
          </TableScroll>
          <LoadMore
            hasMore={list.hasMore}
            loading={list.loadingMore}
            error={list.error}
            onLoadMore={list.loadMore}
            shown={`${list.items.length} shown${list.hasMore ? '' : ', all of them'}`}
            noun="epics"
            testId="page-epics-more"
          />
        </>
      )}
    </section>
  );
}
