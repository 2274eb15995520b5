// A stored policy as the settings page gets and sends it (src/contract/settings.ts PolicyInput), for the
// settings page's browser and unit tests: PM from the project role, PO from the role, a group and a person;
// Stories in scope; every rule on at its default severity.
import type { PolicyInput } from '../../../src/contract/settings';
import { DEFAULT_SEVERITY, GAP_CODES } from '../../../src/domain/model';

export function policyInput(over: Partial<PolicyInput> = {}): PolicyInput {
  return {
    roles: {
      pm: { projectRoles: ['Product Manager'], groups: [], accountIds: [] },
      po: {
        projectRoles: ['Product Owner'],
        groups: [{ groupId: 'g-po', name: 'po-leads' }],
        accountIds: ['acc-ana'],
      },
    },
    executionTypes: ['Story'],
    includeDone: false,
    graceDays: 0,
    rules: Object.fromEntries(
      GAP_CODES.map((code) => [code, { enabled: true, severity: DEFAULT_SEVERITY[code] }]),
    ) as PolicyInput['rules'],
    ...over,
  };
}
