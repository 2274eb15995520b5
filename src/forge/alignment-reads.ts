// The Alignment page's reads of stored results (src/app/results/read-model.ts): the per-viewer summary and the
// paged lists. The project always comes from the Forge context; the viewer is the invoking user, whose own
// id-only search (as them) decides what they may see. Registered on the page's resolver by ./alignment-page.ts.
import type Resolver from '@forge/resolver';
import { AppError } from '../app/errors';
import {
  listEpicRows,
  listEpicStoryRows,
  listGapRows,
  listWaivedRows,
  readSummaryView,
  type ReadModelPorts,
  type ReadRequest,
} from '../app/results/read-model';
import { findIssueIds, scanJql } from '../app/scan';
import { projectPageContext, type ProjectPageContext } from './context';
import { defineResolver, type ResolverInput } from './define';
import { forgeEntityStore } from './entity-store';
import { policyFor } from './ports';

const wrongPlace = 'This request works only from the Role Split page of a Jira project.';

type Input = ResolverInput<'project/get-summary', ProjectPageContext>;

function readPorts(ports: Input['ports']): ReadModelPorts {
  return { ...ports, entities: forgeEntityStore, findIds: (jira, jql) => findIssueIds(jira, jql) };
}

async function readRequest(context: ProjectPageContext, accountId: string | undefined): Promise<ReadRequest> {
  // Every figure depends on who is asking: without a user there is nothing anyone may be shown.
  if (!accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to see this project’s alignment.');
  const { project } = context.extension;
  const policy = await policyFor(project.id);
  return { project: { id: project.id, key: project.key }, accountId, jql: scanJql(project.key, policy) };
}

export function registerAlignmentReads(resolver: Resolver): void {
  defineResolver(resolver, 'project/get-summary', {
    context: projectPageContext,
    wrongPlace,
    run: async ({ context, ports, accountId }) =>
      readSummaryView(readPorts(ports), await readRequest(context, accountId)),
  });
  defineResolver(resolver, 'project/list-gaps', {
    context: projectPageContext,
    wrongPlace,
    run: async ({ context, ports, accountId, payload }) =>
      listGapRows(readPorts(ports), await readRequest(context, accountId), payload),
  });
  defineResolver(resolver, 'project/list-epics', {
    context: projectPageContext,
    wrongPlace,
    run: async ({ context, ports, accountId, payload }) =>
      listEpicRows(readPorts(ports), await readRequest(context, accountId), payload),
  });
  defineResolver(resolver, 'project/list-epic-stories', {
    context: projectPageContext,
    wrongPlace,
    run: async ({ context, ports, accountId, payload }) =>
      listEpicStoryRows(readPorts(ports), await readRequest(context, accountId), payload),
  });
  defineResolver(resolver, 'project/list-waived', {
    context: projectPageContext,
    wrongPlace,
    run: async ({ context, ports, accountId, payload }) =>
      listWaivedRows(readPorts(ports), await readRequest(context, accountId), payload),
  });
}
