// Gaps a waiver set aside: who waived them, why, and until when. Collapsed until opened; read a page at a time.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useId, useState } from 'react';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import { IssueLink } from '../components/issue-link';
import { Loading } from '../components/loading';
import { personName, shortDate } from '../format';
import { GAP_TEXT } from '../gap-text';
import { Ellipsis, LoadMore, TableScroll } from './cells';
import { usePagedList } from './use-load';

const PAGE = 50;

function WaivedRows({ version, id }: { version: number; id: string }) {
  const { locale, timeZone } = useAppContext();
  const list = usePagedList('project/list-waived', { limit: PAGE }, version);
  if (list.status === 'loading') return <Loading label="Loading waived gaps" />;
  if (list.status === 'error' && list.error)
    return <ErrorMessage error={list.error} onRetry={list.retry} testId="page-waived-error" />;
  return (
    <div id={id}>
      <TableScroll label="Waived gaps" testId="page-waived-table">
        <table className="rs-table-plain rs-waived-table">
          <colgroup>
            <col className="rs-col-key" />
            <col className="rs-col-gap" />
            <col />
            <col />
            <col className="rs-col-person" />
            <col className="rs-col-date" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Gap</th>
              <th scope="col">Summary</th>
              <th scope="col">Reason</th>
              <th scope="col">Waived by</th>
              <th scope="col">Until</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((gap) => (
              <tr
                key={`${gap.issueId}:${gap.code}`}
                data-testid="waived-row"
                data-code={gap.code}
                data-issue={gap.issueKey}
              >
                <td>
                  <IssueLink issueKey={gap.issueKey} />
                </td>
                <td>
                  <Ellipsis text={GAP_TEXT[gap.code].title} />
                </td>
                <td>
                  <Ellipsis text={gap.summary} />
                </td>
                <td data-testid="waived-reason">
                  <Ellipsis text={gap.reason} />
                </td>
                <td>
                  <Ellipsis text={gap.author ? personName(gap.author) : 'Unknown account'} />
                </td>
                <td>
                  <time dateTime={gap.expiresAt}>
                    {shortDate(gap.expiresAt, locale, timeZone) ?? gap.expiresAt}
                  </time>
                </td>
              </tr>
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
        noun="waived gaps"
        testId="page-waived-more"
      />
    </div>
  );
}

export function WaivedList({ count, version }: { count: number; version: number }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const { locale } = useAppContext();
  if (count === 0) return null;
  return (
    <section className="rs-section rs-waived" aria-labelledby={`${id}-heading`} data-testid="page-waived">
      <div className="rs-section-heading">
        <Heading size="small" as="h2" id={`${id}-heading`}>
          Waived ({new Intl.NumberFormat(locale).format(count)})
        </Heading>
        <Button
          appearance="subtle"
          spacing="compact"
          aria-expanded={open}
          aria-controls={`${id}-rows`}
          onClick={() => setOpen((value) => !value)}
          testId="page-waived-toggle"
        >
          {open ? 'Hide' : 'Show'}
        </Button>
      </div>
      <p className="rs-subtle rs-small">
        Set aside with a reason until a date: not counted above, and back in the list when the waiver expires.
      </p>
      {open && <WaivedRows version={version} id={`${id}-rows`} />}
    </section>
  );
}
