// A scan under way: what it is doing, how far it got, and a bar once the number of issues is known.
import Spinner from '@atlaskit/spinner';
import type { ScanStatusView } from '../../../src/contract/alignment';
import { useAppContext } from '../app-context';
import { ProgressBar } from '../components/progress-bar';
import { scanFraction, scanProgressText } from './status-text';

export function ScanProgress({ scan, title }: { scan: ScanStatusView; title: string }) {
  const { locale } = useAppContext();
  const text = scanProgressText(scan, locale);
  const fraction = scanFraction(scan);
  return (
    <section
      className="rs-scan-progress"
      aria-label={title}
      data-testid="page-scan-progress"
      data-state={scan.state}
    >
      <div className="rs-scan-progress-line">
        <Spinner size="small" label="" />
        <strong>{title}</strong>
        <span className="rs-subtle" role="status" data-testid="page-scan-phase">
          {text}
        </span>
      </div>
      {fraction && <ProgressBar value={fraction.done} max={fraction.total} label={`${title}: issues read`} />}
    </section>
  );
}
