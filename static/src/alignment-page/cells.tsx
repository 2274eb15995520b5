// Table building blocks of the page: text that ellipsises with its full text in a tooltip (so nothing is
// clipped at any width), a scrolling frame for tables wider than the window, people and "Load more".
import Button from '@atlaskit/button/new';
import type { ReactNode } from 'react';
import type { PersonView, Role } from '../../../src/contract';
import { ErrorMessage } from '../components/error-message';
import { PersonAvatar } from '../components/person-avatar';
import { EligibilityLozenge } from '../components/person-line';
import type { UiError } from '../errors';
import { personName } from '../format';

/** One line, ellipsised when too long; the full text is the title (hover) and stays in the accessible name. */
export function Ellipsis({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className ? `rs-ellipsis ${className}` : 'rs-ellipsis'} title={text}>
      {text}
    </span>
  );
}

export function Dash() {
  return (
    <span className="rs-subtlest" aria-label="None">
      —
    </span>
  );
}

/**
 * A person in a table cell. With `role`, someone who cannot hold it says why in a lozenge (written out, so
 * colour is never the only signal); gap rows leave it out, since their gap already says so.
 */
export function PersonCell({
  person,
  none = 'No owner',
  role,
}: {
  person: PersonView | null;
  none?: string;
  role?: Role;
}) {
  if (person === null) return <span className="rs-subtle">{none}</span>;
  return (
    <span className="rs-person">
      <PersonAvatar person={person} size="small" />
      <Ellipsis text={personName(person)} className={person.displayName === null ? 'rs-subtle' : undefined} />
      {role && !person.eligible && (
        <span className="rs-keep" data-testid="person-not-eligible">
          <EligibilityLozenge person={person} role={role} />
        </span>
      )}
    </span>
  );
}

/**
 * Tables keep readable column widths and scroll sideways in a narrow window instead of squeezing text; the
 * frame is focusable so keyboard users can scroll it too.
 */
export function TableScroll({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="rs-table-scroll" role="region" aria-label={label} tabIndex={0} data-testid={testId}>
      {children}
    </div>
  );
}

export function LoadMore({
  hasMore,
  loading,
  error,
  onLoadMore,
  shown,
  noun,
  testId,
}: {
  hasMore: boolean;
  loading: boolean;
  error: UiError | null;
  onLoadMore: () => void;
  shown: string;
  noun: string;
  testId: string;
}) {
  return (
    <div className="rs-load-more">
      <p className="rs-subtle rs-small" aria-live="polite" data-testid={`${testId}-shown`}>
        {shown}
      </p>
      {error && hasMore && (
        <ErrorMessage error={error} onRetry={onLoadMore} retrying={loading} testId={`${testId}-error`} />
      )}
      {hasMore && !error && (
        <Button onClick={onLoadMore} isLoading={loading} testId={testId}>
          {`Load more ${noun}`}
        </Button>
      )}
    </div>
  );
}
