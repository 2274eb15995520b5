// A project where Role Split is off: what it would do, and "Enable" for people who administer the project
// (the choice is the project's `role-split-policy` property). Nobody else can turn it on, so they are told
// whom to ask instead of being shown a button that would fail.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useState } from 'react';
import type { AlignmentStatusView } from '../../../src/contract/alignment';
import { call } from '../api';
import { ErrorMessage } from '../components/error-message';
import type { UiError } from '../errors';

export function EnableProject({
  status,
  onEnabled,
}: {
  status: AlignmentStatusView;
  onEnabled: (status: AlignmentStatusView) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const enable = () => {
    setBusy(true);
    setError(null);
    void call('project/set-enabled', { enabled: true }).then((envelope) => {
      setBusy(false);
      if (envelope.ok) onEnabled(envelope.data);
      else setError(envelope.error);
    });
  };
  return (
    <section className="rs-enable" aria-labelledby="rs-enable-heading" data-testid="page-disabled">
      <Heading size="medium" as="h2" id="rs-enable-heading">
        Role Split is off for {status.project.name}
      </Heading>
      <p>
        Role Split gives every epic and initiative a Product Manager (the what and the why) and every story a
        Product Owner (the how). Once it is on, this page shows how many have one, the gaps to fix, and the
        trend; each issue shows its owner, and people in the project&apos;s PM and PO roles can assign
        themselves.
      </p>
      <p className="rs-subtle">
        While it is off, Role Split does not read this project&apos;s issues or show anything on them.
      </p>
      {status.canAdminister ? (
        <div className="rs-enable-actions">
          <Button appearance="primary" onClick={enable} isLoading={busy} testId="page-enable">
            Enable Role Split
          </Button>
          <span className="rs-subtle rs-small">
            The first scan starts at once; results show here when it finishes.
          </span>
        </div>
      ) : (
        <p data-testid="page-ask-admin">
          <strong>Ask a project admin to enable Role Split for this project.</strong> Only people who can
          administer the project can turn it on.
        </p>
      )}
      {error && <ErrorMessage error={error} onRetry={enable} retrying={busy} testId="page-enable-error" />}
    </section>
  );
}
