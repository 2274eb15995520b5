// What a bulk change would do, before anything is written: the counts (assigned, unchanged, refused by
// reason) and the issues, refused first, each refusal in plain words with who can fix it. The backend
// recomputes all of it on apply; this is what the user agrees to.
import type { IneligibleReason } from '../../../src/contract';
import type { BulkPreviewRow, BulkPreviewView, BulkRefusal } from '../../../src/contract/bulk';
import { useAppContext } from '../app-context';
import { IssueLink } from '../components/issue-link';
import { Notice } from '../components/notice';
import { personName, ROLE_ABBR } from '../format';
import { Dash, Ellipsis, PersonCell, TableScroll } from './cells';
import {
  extraMessage,
  OUTCOME_LABEL,
  previewSummary,
  REFUSAL_LABEL,
  refusalText,
  refusedCountText,
  type RefusalSituation,
} from './bulk-text';

/** An issue's key as a link; an issue the viewer cannot see comes without its key and is named as such. */
export function BulkIssue({ issueKey }: { issueKey: string }) {
  if (issueKey === '') return <span className="rs-subtle">An issue you cannot see</span>;
  return <IssueLink issueKey={issueKey} />;
}

export function RefusalCell({
  reason,
  message,
  slot,
  personName: name,
  conflict,
  issueType,
  ineligible,
}: {
  reason: BulkRefusal;
  message: string | null;
  slot: 'pm' | 'po' | null;
  personName: string | null;
  /** CONFLICT in a job: who holds the slot now, and what the job held it to. */
  conflict?: Pick<RefusalSituation, 'holder' | 'since'>;
  /** WRONG_ROLE_FOR_LEVEL: the issue's type name, when known. */
  issueType?: string;
  /** NOT_ELIGIBLE: why the person check refused them, when known. */
  ineligible?: IneligibleReason;
}) {
  const text = refusalText(reason, {
    slot,
    personName: name,
    ...conflict,
    ...(issueType ? { issueType } : {}),
    ...(ineligible ? { ineligible } : {}),
  });
  const extra = extraMessage(reason, message, text);
  return (
    <span className="rs-bulk-why" data-testid="bulk-why" data-reason={reason}>
      <span>{text.why}</span> <span className="rs-subtle">{text.fix}</span>
      {extra && <span className="rs-subtle rs-small"> ({extra})</span>}
    </span>
  );
}

function PreviewRow({
  row,
  name,
  ineligible,
}: {
  row: BulkPreviewRow;
  name: string | null;
  ineligible: IneligibleReason;
}) {
  // A slot the issue's level does not have: the slot and holder shown are that one (someone in it: misplaced).
  const wrongSlot = row.reason === 'WRONG_ROLE_FOR_LEVEL' && row.slot !== null;
  const misplaced = wrongSlot && row.current !== null;
  return (
    <tr data-testid="bulk-preview-row" data-issue={row.issueKey} data-outcome={row.outcome}>
      <td>
        <BulkIssue issueKey={row.issueKey} />
      </td>
      <td>
        <Ellipsis text={row.summary} />
      </td>
      <td>
        {row.slot ? ROLE_ABBR[row.slot] : <Dash />}
        {misplaced && <span className="rs-subtle rs-small"> (misplaced)</span>}
      </td>
      <td>{row.slot ? <PersonCell person={row.current} none={`No ${ROLE_ABBR[row.slot]}`} /> : <Dash />}</td>
      <td className="rs-bulk-wrap">
        <strong className={row.outcome === 'refused' ? 'rs-text-warning' : undefined}>
          {row.outcome === 'refused' && row.reason ? REFUSAL_LABEL[row.reason] : OUTCOME_LABEL[row.outcome]}
        </strong>
        {row.outcome === 'refused' && row.reason && (
          <>
            {' '}
            <RefusalCell
              reason={row.reason}
              message={row.message}
              slot={row.slot}
              personName={name}
              {...(wrongSlot
                ? {
                    conflict: { holder: row.current ? personName(row.current) : null },
                    ...(row.issueType ? { issueType: row.issueType } : {}),
                  }
                : {})}
              {...(row.reason === 'NOT_ELIGIBLE' ? { ineligible } : {})}
            />
          </>
        )}
      </td>
    </tr>
  );
}

export function BulkPreview({ view }: { view: BulkPreviewView }) {
  const { locale } = useAppContext();
  const number = new Intl.NumberFormat(locale);
  const name = personName(view.person);
  const reasons = Object.entries(view.refusedBy) as Array<[BulkRefusal, number]>;
  // The person is checked for the role most issues take: refused for the other one, it is that role they lack.
  const ineligible: IneligibleReason = view.person.reason ?? 'not-in-role';
  return (
    <section className="rs-bulk-preview" aria-label="Preview" data-testid="bulk-preview">
      <p role="status" className="rs-bulk-summary" data-testid="bulk-preview-summary">
        {previewSummary(view, locale)}
      </p>
      <dl className="rs-bulk-counts" data-testid="bulk-preview-counts">
        <div data-count="assign">
          <dt>Will be assigned to {name}</dt>
          <dd>{number.format(view.counts.assign)}</dd>
        </div>
        {view.counts.clear > 0 && (
          <div data-count="clear">
            <dt>Will be cleared</dt>
            <dd>{number.format(view.counts.clear)}</dd>
          </div>
        )}
        <div data-count="unchanged">
          <dt>Unchanged (already {name})</dt>
          <dd>{number.format(view.counts.unchanged)}</dd>
        </div>
        <div data-count="refused">
          <dt>Refused</dt>
          <dd>{number.format(view.counts.refused)}</dd>
        </div>
      </dl>
      {view.counts.refused > 0 && (
        <Notice
          appearance="warning"
          title={`${number.format(view.counts.refused)} of ${number.format(view.total)} ${view.total === 1 ? 'issue' : 'issues'} will not be changed`}
          testId="bulk-preview-refused"
        >
          <ul className="rs-bulk-reasons">
            {reasons.map(([reason, count]) => (
              <li key={reason} data-reason={reason}>
                {refusedCountText(reason, count, locale)}
              </li>
            ))}
          </ul>
          <p>Applying changes only the others; the refused issues are listed first below with what to do.</p>
        </Notice>
      )}
      {view.rows.length > 0 && (
        <TableScroll label="Issues in this change" testId="bulk-preview-table">
          <table className="rs-table-plain rs-bulk-table">
            <colgroup>
              <col className="rs-col-key" />
              <col />
              <col className="rs-col-slot" />
              <col className="rs-col-person" />
              <col className="rs-col-outcome" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Issue</th>
                <th scope="col">Summary</th>
                <th scope="col">Slot</th>
                <th scope="col">Now</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <PreviewRow key={row.issueId} row={row} name={name} ineligible={ineligible} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {view.rows.length < view.total && (
        <p className="rs-subtle rs-small" data-testid="bulk-preview-more">
          Showing the first {number.format(view.rows.length)} of {number.format(view.total)} issues, refused
          ones first; every issue is counted above.
        </p>
      )}
    </section>
  );
}
