// The bulk dialogs, loaded on demand by bulk-context.tsx: assign (picked issues or an epic's stories),
// replace a person, or a job followed on its own (from the recent-jobs list).
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { BulkApi, BulkDialog as DialogState } from './bulk-context';
import { BulkAssign } from './bulk-assign';
import { BulkDialog } from './bulk-dialog';
import { BulkJobView } from './bulk-job-view';
import { BulkReplace } from './bulk-replace';

function FollowJob({ jobId: first, api }: { jobId: string; api: BulkApi }) {
  const [jobId, setJobId] = useState(first);
  const { jobStarted } = api;
  return (
    <BulkDialog
      title="Bulk change"
      onClose={api.close}
      testId="bulk-job-dialog"
      footer={
        <Button appearance="primary" onClick={api.close} testId="bulk-close">
          Close
        </Button>
      }
    >
      <BulkJobView
        key={jobId}
        jobId={jobId}
        onFollow={(next) => {
          jobStarted();
          setJobId(next);
        }}
      />
    </BulkDialog>
  );
}

export function BulkDialogs({ dialog, api }: { dialog: DialogState; api: BulkApi }) {
  switch (dialog.kind) {
    case 'assign-selection':
    case 'assign-epic':
      return <BulkAssign source={dialog} api={api} />;
    case 'replace':
      return <BulkReplace initialFrom={dialog.from} api={api} />;
    case 'job':
      return <FollowJob key={dialog.jobId} jobId={dialog.jobId} api={api} />;
  }
}
