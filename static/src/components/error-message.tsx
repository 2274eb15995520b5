// A failed resolver call, in the user's words, with a way to try again.
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { ResolverError } from '../../../src/contract';
import { describeError, extraDetail } from '../errors';

export function ErrorMessage({
  error,
  onRetry,
  testId,
  retrying = false,
}: {
  error: ResolverError;
  onRetry: () => void;
  testId: string;
  retrying?: boolean;
}) {
  const text = describeError(error);
  const detail = extraDetail(error);
  return (
    <SectionMessage
      appearance="error"
      title={text.title}
      testId={testId}
      actions={
        <SectionMessageAction onClick={onRetry}>{retrying ? 'Retrying…' : 'Retry'}</SectionMessageAction>
      }
    >
      <p data-error-code={error.code}>{text.body}</p>
      {detail && <p className="rs-subtle rs-small">Details: {detail}.</p>}
    </SectionMessage>
  );
}
