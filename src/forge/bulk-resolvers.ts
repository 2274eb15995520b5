// The Alignment page's bulk assignment resolvers (bulk/*, src/contract/bulk.ts), registered on the page's
// resolver by ./alignment-page.ts. The project comes from the Forge context and the user from the platform;
// every request is refused on a project where Role Split is off (NOT_ENABLED), before anything else is read.
import { randomUUID } from 'node:crypto';
import type Resolver from '@forge/resolver';
import { getJobView, listJobs, searchBulkPeople, undoJob } from '../app/bulk/job-views';
import { applyBulk, previewBulk } from '../app/bulk/page-requests';
import type { BulkPorts } from '../app/bulk/ports';
import { cachedEnablement } from '../app/scan-job/describe-status';
import { AppError } from '../app/errors';
import { forgeBulkQueue } from './bulk-queue';
import { projectPageContext, type ProjectPageContext } from './context';
import { defineResolver, type ResolverInput } from './define';
import { policyFor } from './ports';
import { forgeScanQueue } from './scan-queue';

const wrongPlace = 'This request works only from the Role Split page of a Jira project.';

type Input = ResolverInput<'bulk/list-jobs', ProjectPageContext>;

/** The invocation's ports plus the queues, after checking there is a user and the project is enabled. */
async function bulkPorts(input: Pick<Input, 'ports' | 'context' | 'accountId'>): Promise<{
  ports: BulkPorts;
  project: { id: string; key: string };
  viewer: string;
}> {
  if (!input.accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to change owners in bulk.');
  const { project } = input.context.extension;
  const enablement = await cachedEnablement(input.ports, project.id);
  if (!enablement.enabled) {
    throw new AppError(
      'NOT_ENABLED',
      'Role Split is not enabled on this project: a project admin can enable it on this page.',
    );
  }
  const ports: BulkPorts = {
    ...input.ports,
    queue: forgeBulkQueue(),
    scanQueue: forgeScanQueue(),
    newId: () => randomUUID(),
    policyFor,
  };
  return { ports, project, viewer: input.accountId };
}

export function registerBulkResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'bulk/preview', {
    context: projectPageContext,
    wrongPlace,
    run: async (input) => {
      const { ports, project, viewer } = await bulkPorts(input);
      return previewBulk(ports, { project, viewer, ...input.payload });
    },
  });
  defineResolver(resolver, 'bulk/apply', {
    context: projectPageContext,
    wrongPlace,
    run: async (input) => {
      const { ports, project, viewer } = await bulkPorts(input);
      return applyBulk(ports, { project, viewer, ...input.payload });
    },
  });
  defineResolver(resolver, 'bulk/get-job', {
    context: projectPageContext,
    wrongPlace,
    run: async (input) => {
      const { ports, project, viewer } = await bulkPorts(input);
      return getJobView(ports, { projectId: project.id, viewer, ...input.payload });
    },
  });
  defineResolver(resolver, 'bulk/list-jobs', {
    context: projectPageContext,
    wrongPlace,
    run: async (input) => {
      const { ports, project, viewer } = await bulkPorts(input);
      return listJobs(ports, { projectId: project.id, viewer });
    },
  });
  defineResolver(resolver, 'bulk/undo', {
    context: projectPageContext,
    wrongPlace,
    run: async (input) => {
      const { ports, project, viewer } = await bulkPorts(input);
      return undoJob(ports, { project, viewer, jobId: input.payload.jobId });
    },
  });
  defineResolver(resolver, 'bulk/search-people', {
    context: projectPageContext,
    wrongPlace,
    run: async (input) => {
      const { ports, project } = await bulkPorts(input);
      return searchBulkPeople(ports, {
        projectId: project.id,
        projectKey: project.key,
        role: input.payload.role,
        query: input.payload.query,
      });
    },
  });
}
