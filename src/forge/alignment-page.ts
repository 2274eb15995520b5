// Resolvers of the project page "Alignment" (`jira:projectPage`, key role-split-alignment-page).
import Resolver from '@forge/resolver';
import { buildAlignment } from '../app/build-alignment';
import { projectPageContext } from './context';
import { defineResolver } from './define';
import { resolverPorts, policyFor } from './ports';

const resolver = new Resolver();

defineResolver(resolver, 'project/get-alignment', {
  context: projectPageContext,
  wrongPlace: 'This request works only from the Role Split page of a Jira project.',
  run: async ({ context }) => {
    const { project } = context.extension;
    return buildAlignment(resolverPorts(), { projectKey: project.key, policy: await policyFor(project.id) });
  },
});

export const alignmentPageHandler = resolver.getDefinitions();
