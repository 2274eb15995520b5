// Gaps by code, which double as the gap list's code filter: select a count to show only those gaps.
import Lozenge from '@atlaskit/lozenge';
import type { GapCode } from '../../../src/contract';
import { DEFAULT_SEVERITY, GAP_CODES } from '../../../src/domain/model';
import { useAppContext } from '../app-context';
import { GAP_TEXT } from '../gap-text';

export function CodeCounts({
  byCode,
  selected,
  onToggle,
}: {
  byCode: Partial<Record<GapCode, number>>;
  selected: readonly GapCode[];
  onToggle: (code: GapCode) => void;
}) {
  const { locale } = useAppContext();
  const number = new Intl.NumberFormat(locale);
  const codes = GAP_CODES.filter((code) => (byCode[code] ?? 0) > 0);
  if (codes.length === 0) return null;
  return (
    <ul
      className="rs-code-chips"
      aria-label="Gaps by type (select to filter the list)"
      data-testid="page-codes"
    >
      {codes.map((code) => {
        const pressed = selected.includes(code);
        return (
          <li key={code}>
            <button
              type="button"
              className="rs-chip"
              aria-pressed={pressed}
              title={GAP_TEXT[code].explanation}
              data-testid={`page-code-${code}`}
              data-count={byCode[code]}
              onClick={() => onToggle(code)}
            >
              <Lozenge appearance={DEFAULT_SEVERITY[code] === 'error' ? 'removed' : 'moved'}>
                {GAP_TEXT[code].title}
              </Lozenge>
              <span className="rs-chip-count">{number.format(byCode[code] ?? 0)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
