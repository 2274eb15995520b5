// Resolvers of the project page "Alignment" (`jira:projectPage`, key role-split-alignment-page).
import Resolver from '@forge/resolver';
import { buildAlignment } from '../app/build-alignment';
import { projectPageContext } from './context';
import { defineResolver } from './define';
import { policyFor } from './ports';

const resolver = new Resolver();

defineResolver(resolver, 'project/get-alignment', {
  context: projectPageContext,
  wrongPlace: 'This request works only from the Role Split page of a Jira project.',
  run: async ({ context, ports }) => {
    const { project } = context.extension;
    return buildAlignment(ports, { projectKey: project.key, policy: await policyFor(project.id) });
  },
});

export const alignmentPageHandler = resolver.getDefinitions();
