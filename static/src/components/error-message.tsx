// A failed resolver call, in the user's words, with a way to try again.
import { describeError, extraDetail, type ErrorSituation, type UiError } from '../errors';
import { Notice } from './notice';

export function ErrorMessage({
  error,
  onRetry,
  testId,
  retrying = false,
  situation,
  retryLabel = 'Retry',
}: {
  error: UiError;
  onRetry?: () => void;
  testId: string;
  retrying?: boolean;
  situation?: ErrorSituation;
  retryLabel?: string;
}) {
  const text = describeError(error, situation);
  const detail = extraDetail(error, situation);
  return (
    <Notice
      appearance={error.code === 'NEEDS_CONSENT' ? 'information' : 'error'}
      title={text.title}
      testId={testId}
      actions={
        onRetry && (
          <button type="button" className="rs-btn rs-btn--link" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Retrying…' : retryLabel}
          </button>
        )
      }
    >
      <p data-error-code={error.code}>{text.body}</p>
      {detail && <p className="rs-subtle rs-small">Details: {detail}.</p>}
    </Notice>
  );
}
