// Resolvers of the project page "Alignment" (`jira:projectPage`, key role-split-alignment-page): the status
// line it polls, the enable switch and "Rescan now" here; the stored results it reads, in ./alignment-reads.ts.
// Scans never run in a resolver: they are queued for the project's consumer (./scan-consumer.ts).
import Resolver from '@forge/resolver';
import { randomUUID } from 'node:crypto';
import { AppError } from '../app/errors';
import { setEnabled } from '../app/enablement';
import { describeStatus, enablementCacheKey } from '../app/scan-job/describe-status';
import { requestScan } from '../app/scan-job/request-scan';
import { registerAlignmentReads } from './alignment-reads';
import { registerBulkResolvers } from './bulk-resolvers';
import { projectPageContext, type ProjectPageContext } from './context';
import { defineResolver, type ResolverInput } from './define';
import { registerProjectMuteResolvers } from './notification-resolvers';
import { forgeScanQueue } from './scan-queue';

const resolver = new Resolver();
const wrongPlace = 'This request works only from the Role Split page of a Jira project.';

function statusPorts(ports: ResolverInput<'project/get-status', ProjectPageContext>['ports']) {
  return { ...ports, queue: forgeScanQueue(), newId: () => randomUUID() };
}

defineResolver(resolver, 'project/get-status', {
  context: projectPageContext,
  wrongPlace,
  run: ({ context, ports, accountId }) =>
    describeStatus(statusPorts(ports), context.extension.project, accountId),
});

defineResolver(resolver, 'project/set-enabled', {
  context: projectPageContext,
  wrongPlace,
  run: async ({ context, ports, payload, accountId }) => {
    const { project } = context.extension;
    await setEnabled(ports, project, payload.enabled);
    await ports.store.delete(`cache:${enablementCacheKey(project.id)}`);
    if (payload.enabled) await requestScan(statusPorts(ports), project, 'full');
    return describeStatus(statusPorts(ports), project, accountId);
  },
});

defineResolver(resolver, 'project/rescan', {
  context: projectPageContext,
  wrongPlace,
  run: async ({ context, ports, accountId }) => {
    const { project } = context.extension;
    // The scan runs as the app: only someone who may browse the project may set it going.
    if (!(await ports.userJira.hasPermission('BROWSE_PROJECTS', { projectId: project.id }))) {
      throw new AppError('FORBIDDEN', 'You need permission to browse this project to rescan it.');
    }
    const status = await describeStatus(statusPorts(ports), project, accountId);
    if (!status.enabled) {
      throw new AppError(
        'NOT_ENABLED',
        'Role Split is not enabled on this project: a project admin can enable it here.',
      );
    }
    // Always queued, even with a scan under way: the consumer folds it into that run (and a run whose
    // deliveries were lost is taken up again by it).
    await requestScan(statusPorts(ports), project, 'full');
    return describeStatus(statusPorts(ports), project, accountId);
  },
});

registerAlignmentReads(resolver);
registerBulkResolvers(resolver);
registerProjectMuteResolvers(resolver);

export const alignmentPageHandler = resolver.getDefinitions();
