import Lozenge from '@atlaskit/lozenge';
import type { Severity } from '../../../src/contract';
import { SEVERITY_LABEL } from '../gap-text';

export function SeverityLozenge({ severity }: { severity: Severity }) {
  return (
    <Lozenge appearance={severity === 'error' ? 'removed' : 'moved'} isBold={severity === 'error'}>
      {SEVERITY_LABEL[severity]}
    </Lozenge>
  );
}
