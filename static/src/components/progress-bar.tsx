// A thin coverage bar. The figure is always written next to it; the bar is a quick visual, announced to
// assistive tech as a progressbar with its own label.
import { percent } from '../format';

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = percent(value, max) ?? 0;
  const tone = pct === 100 ? '' : pct >= 50 ? ' rs-progress-fill--partial' : ' rs-progress-fill--low';
  return (
    <div
      className="rs-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.max(max, 0)}
      aria-valuenow={value}
      aria-valuetext={`${value} of ${max}`}
    >
      {/* Set through React's style object (CSSOM), which Forge's content security policy allows. */}
      <div className={`rs-progress-fill${tone}`} style={{ inlineSize: `${pct}%` }} />
    </div>
  );
}
