// Gaps a waiver set aside: not counted, not notified, back when the waiver expires. Collapsed by default.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useId, useState } from 'react';
import type { AlignmentView } from '../../../src/contract';
import { useAppContext } from '../app-context';
import { IssueLink } from '../components/issue-link';
import { shortDate } from '../format';
import { GAP_TEXT } from '../gap-text';

export function WaivedList({ waived }: { waived: AlignmentView['waived'] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const { locale, timeZone } = useAppContext();
  return (
    <section className="rs-waived" aria-labelledby={`${listId}-heading`} data-testid="page-waived">
      <div className="rs-section-heading">
        <Heading size="small" as="h2" id={`${listId}-heading`}>
          Waived ({waived.length})
        </Heading>
        <Button
          appearance="subtle"
          spacing="compact"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((value) => !value)}
          testId="page-waived-toggle"
        >
          {open ? 'Hide' : 'Show'}
        </Button>
      </div>
      <p className="rs-subtle rs-small">
        Set aside with a reason until a date; they come back when the waiver expires.
      </p>
      <ul className="rs-waived-list" id={listId} hidden={!open}>
        {waived.map((gap) => (
          <li
            className="rs-waived-item"
            key={`${gap.issueKey}:${gap.code}`}
            data-testid="waived-row"
            data-code={gap.code}
            data-issue={gap.issueKey}
          >
            <IssueLink issueKey={gap.issueKey} />
            <span>
              <strong>{GAP_TEXT[gap.code].title}</strong> <span className="rs-subtle">· {gap.summary}</span>
            </span>
            <span className="rs-subtle rs-small">
              until {shortDate(gap.waiver.expiresAt, locale, timeZone) ?? gap.waiver.expiresAt}
            </span>
            <span className="rs-waived-reason rs-small">“{gap.waiver.reason}”</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
