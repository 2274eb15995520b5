// "Export CSV" of the gap list as filtered now: every page fetched (100 rows a call), the file assembled in
// the browser and downloaded, with progress and a way to stop a long export.
import Button from '@atlaskit/button/new';
import { useRef, useState } from 'react';
import type { GapFilter } from '../../../src/contract/alignment';
import { call } from '../api';
import { useAppContext } from '../app-context';
import { ErrorMessage } from '../components/error-message';
import type { UiError } from '../errors';
import { csvFileName, EXPORT_PAGE_SIZE, fetchAllGaps, gapCsv, UTF8_BOM } from './gap-csv';

type ExportState =
  | { step: 'idle' }
  | { step: 'fetching'; fetched: number }
  | { step: 'done'; rows: number; fileName: string }
  | { step: 'cancelled' }
  | { step: 'failed'; error: UiError; fetched: number };

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([UTF8_BOM, text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once the click was handled; the next task frees the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function CsvExport({ projectKey, filter }: { projectKey: string; filter: GapFilter }) {
  const { locale, timeZone } = useAppContext();
  const [state, setState] = useState<ExportState>({ step: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const number = new Intl.NumberFormat(locale);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: 'fetching', fetched: 0 });
    const outcome = await fetchAllGaps(
      (pageFilter, cursor) =>
        call('project/list-gaps', {
          filter: pageFilter,
          limit: EXPORT_PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        }),
      filter,
      { signal: controller.signal, onProgress: (fetched) => setState({ step: 'fetching', fetched }) },
    );
    abort.current = null;
    if (outcome.status === 'cancelled') return setState({ step: 'cancelled' });
    if (outcome.status === 'failed')
      return setState({ step: 'failed', error: outcome.error as UiError, fetched: outcome.fetched });
    const fileName = csvFileName(projectKey, new Date(), timeZone);
    download(gapCsv(projectKey, outcome.gaps), fileName);
    setState({ step: 'done', rows: outcome.gaps.length, fileName });
  };

  const cancel = () => abort.current?.abort();

  return (
    <div className="rs-export" data-testid="page-export">
      {state.step === 'fetching' ? (
        <>
          <span role="status" className="rs-subtle" data-testid="page-export-progress">
            Exporting… {number.format(state.fetched)} gaps fetched
          </span>
          <Button appearance="subtle" onClick={cancel} testId="page-export-cancel">
            Cancel export
          </Button>
        </>
      ) : (
        <>
          <Button onClick={() => void start()} testId="page-export-start">
            Export CSV
          </Button>
          <span role="status" className="rs-subtle rs-small" data-testid="page-export-status">
            {state.step === 'done' &&
              `Downloaded ${state.fileName} (${number.format(state.rows)} ${state.rows === 1 ? 'gap' : 'gaps'})`}
            {state.step === 'cancelled' && 'Export cancelled; nothing was downloaded.'}
          </span>
        </>
      )}
      {state.step === 'failed' && (
        <ErrorMessage
          error={state.error}
          onRetry={() => void start()}
          retryLabel="Export again"
          testId="page-export-error"
        />
      )}
    </div>
  );
}
