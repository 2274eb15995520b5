import Spinner from '@atlaskit/spinner';

/**
 * A labelled spinner. `compact` for the issue context section, which Jira sizes to its content: a short
 * line with a small spinner instead of a tall empty box.
 */
export function Loading({ label, compact = false }: { label: string; compact?: boolean }) {
  return (
    <div className={compact ? 'rs-loading-compact' : 'rs-center'} data-testid="loading" role="status">
      <Spinner size={compact ? 'small' : 'large'} label={label} />
      {compact && (
        <span className="rs-subtle rs-small" aria-hidden="true">
          {label}…
        </span>
      )}
    </div>
  );
}
