// Who changed the owner, when, from whom to whom: the last 20 changes, newest first.
import Heading from '@atlaskit/heading';
import type { HistoryEntryView } from '../../../src/contract';
import { useAppContext } from '../app-context';
import { absoluteTime, ROLE_ABBR } from '../format';

const nameOf = (person: { displayName: string | null } | null) =>
  person === null ? 'nobody' : (person.displayName ?? 'an unknown account');

function sentence(entry: HistoryEntryView): string {
  const abbr = ROLE_ABBR[entry.slot];
  switch (entry.action) {
    case 'reset':
      return `${nameOf(entry.by)} cleared unreadable ownership data`;
    case 'clear':
      return `${nameOf(entry.by)} cleared the ${abbr} (was ${nameOf(entry.from)})`;
    case 'assign':
      return entry.from
        ? `${nameOf(entry.by)} changed the ${abbr} from ${nameOf(entry.from)} to ${nameOf(entry.to)}`
        : `${nameOf(entry.by)} set ${nameOf(entry.to)} as ${abbr}`;
  }
}

export function HistoryList({ history }: { history: readonly HistoryEntryView[] }) {
  const { locale, timeZone } = useAppContext();
  return (
    <section className="rs-section" aria-labelledby="rs-history-heading" data-testid="panel-history">
      <div className="rs-section-heading">
        <Heading size="xsmall" as="h2" id="rs-history-heading">
          History
        </Heading>
      </div>
      {history.length === 0 ? (
        <p className="rs-subtle">No one has changed the owner through Role Split yet.</p>
      ) : (
        <ol className="rs-history">
          {history.map((entry) => (
            <li key={`${entry.at}-${entry.by.accountId}-${entry.action}`} className="rs-history-item">
              <span>{sentence(entry)}</span>
              <time className="rs-subtlest rs-small" dateTime={entry.at}>
                {absoluteTime(entry.at, locale, timeZone) ?? entry.at}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
