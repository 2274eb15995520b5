// The `dynamicProperties` function of the issue context section: the lozenge on its collapsed header ("PM ✓",
// "PO missing", "Not tracked"), asked for on every issue view, so it costs at most two Jira requests
// (describe-context.ts `describeStatus`), plus the project's policy property at most once a minute per
// project (cached). Forge calls it with the module's context; it answers Forge's `{ title?, label?, status? }`. Anything that goes wrong answers `{}`, which keeps the manifest's static
// header: an issue view must never break because the lozenge could not be worked out.
import { describeStatus } from '../app/describe-context';
import type { ContextStatus } from '../contract/views';
import { issueViewContext } from './context';
import { logResolverCall } from './define';
import { policyFor, resolverPorts, type RequestMeter } from './ports';

export interface DynamicProperties {
  status?: { type: 'lozenge'; value: { label: string; type: ContextStatus['appearance'] } };
}

export async function issueContextStatus(event: { context?: unknown }): Promise<DynamicProperties> {
  const started = Date.now();
  const meter: RequestMeter = { jiraRequests: 0 };
  let outcome = 'OK';
  try {
    const parsed = issueViewContext.safeParse(event.context);
    if (!parsed.success) {
      outcome = 'BAD_REQUEST';
      return {};
    }
    const { issue, project } = parsed.data.extension;
    const status = await describeStatus(resolverPorts(meter), {
      issue: { id: issue.id, key: issue.key, projectId: project.id },
      policy: await policyFor(project.id),
    });
    return { status: { type: 'lozenge', value: { label: status.label, type: status.appearance } } };
  } catch (error) {
    outcome = 'FAILED';
    console.error('Role Split header status failed:', error instanceof Error ? error.message : error);
    return {};
  } finally {
    logResolverCall({
      resolver: 'issue-context-status',
      durationMs: Date.now() - started,
      jiraRequests: meter.jiraRequests,
      outcome,
    });
  }
}
