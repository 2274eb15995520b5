// `settings/save`: an admin's edited policy, checked against the project and merged into the
// `role-split-policy` property as the user (unknown fields and `enabled` kept), stamped with when and by whom.
// The cached policy is dropped at once, so the next scan and the issue views use the new one, and a full
// rescan is queued when Role Split is on here (the page says "rescan pending" until it has started).
import type { PolicyInput, SettingsView } from '../../contract/settings';
import { enabledOf, register } from '../enablement';
import { forgetCachedPolicy, fromPolicyInput, interpretPolicy, savePolicy } from '../policy-store';
import { requestScan } from '../scan-job/request-scan';
import { requireSettingsAdmin } from './admin';
import { describeSettings } from './describe-settings';
import type { SettingsPorts } from './ports';
import { namedAccountIds, validateNamedPeople, validatePolicyInput } from './validate';

export async function saveSettings(
  ports: SettingsPorts,
  project: { id: string; key: string },
  input: PolicyInput,
  accountId: string | undefined,
): Promise<SettingsView> {
  await requireSettingsAdmin(ports.userJira, project.id);
  const [issueTypes, projectRoles] = await Promise.all([
    ports.userJira.getProjectIssueTypes(project.id),
    ports.userJira.getProjectRoles(project.id),
  ]);
  const checked = validatePolicyInput(input, issueTypes, projectRoles);
  const named = namedAccountIds(checked);
  if (named.length > 0) validateNamedPeople(checked, await ports.userJira.getUsers(named));

  const written = await savePolicy(ports.userJira, project.id, fromPolicyInput(checked), {
    savedAt: ports.clock.now().toISOString(),
    savedBy: accountId ?? null,
  });
  await forgetCachedPolicy(ports, project.id);
  if (enabledOf(written).enabled) {
    // Recorded for the hourly notification run and the daily scan before the rescan is queued, so a project
    // enabled elsewhere and configured here is never skipped by them.
    await register(ports.store, project, ports.clock);
    await requestScan(ports, project, 'full');
  }
  return describeSettings(ports, project, interpretPolicy(written));
}
