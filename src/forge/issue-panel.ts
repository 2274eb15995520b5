// Resolvers of the issue panel (`jira:issuePanel`, key role-split-issue-panel).
import Resolver from '@forge/resolver';
import { describeIssue } from '../app/describe-issue';
import { issuePanelContext } from './context';
import { defineResolver } from './define';
import { resolverPorts, policyFor } from './ports';

const resolver = new Resolver();

defineResolver(resolver, 'issue/get-panel', {
  context: issuePanelContext,
  wrongPlace: 'This request works only from the Role Split panel of a Jira issue.',
  run: async ({ context }) => {
    const { issue, project } = context.extension;
    return describeIssue(resolverPorts(), { issueKey: issue.key, policy: await policyFor(project.id) });
  },
});

export const issuePanelHandler = resolver.getDefinitions();
