// Turning Role Split off again, for people who administer the project: asked once more before it happens,
// since the page, the issue section and the daily scans stop for everyone in the project.
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { AlignmentStatusView } from '../../../src/contract/alignment';
import { call } from '../api';
import { ErrorMessage } from '../components/error-message';
import type { UiError } from '../errors';

export function DisableProject({
  status,
  onDisabled,
}: {
  status: AlignmentStatusView;
  onDisabled: (status: AlignmentStatusView) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  if (!status.canAdminister) return null;
  const disable = () => {
    setBusy(true);
    setError(null);
    void call('project/set-enabled', { enabled: false }).then((envelope) => {
      setBusy(false);
      if (envelope.ok) onDisabled(envelope.data);
      else setError(envelope.error);
    });
  };
  return (
    <section className="rs-section rs-disable" aria-label="Turn Role Split off" data-testid="page-disable">
      {confirming ? (
        <div className="rs-enable-actions">
          <span>
            Turn Role Split off for {status.project.name}? Scans stop and issues no longer show their owner;
            ownership already set stays on the issues.
          </span>
          <Button appearance="warning" onClick={disable} isLoading={busy} testId="page-disable-confirm">
            Turn off
          </Button>
          <Button appearance="subtle" onClick={() => setConfirming(false)} testId="page-disable-cancel">
            Keep it on
          </Button>
        </div>
      ) : (
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={() => setConfirming(true)}
          testId="page-disable-start"
        >
          Turn off Role Split for this project
        </Button>
      )}
      {error && <ErrorMessage error={error} onRetry={disable} retrying={busy} testId="page-disable-error" />}
    </section>
  );
}
