// Resolvers of the issue modules: the compact section (`jira:issueContext`, role-split-issue-context) and the
// full panel (`jira:issuePanel`, role-split-issue-panel) share one set of definitions. Each is a few lines over
// a use case in src/app: the issue and project from the Forge context, the slot from the issue's level, the
// viewer from the platform. Writes go out as the viewer.
import Resolver from '@forge/resolver';
import { changeOwnership, type IssueRef } from '../app/change-ownership';
import { describeContext } from '../app/describe-context';
import { describePanel } from '../app/describe-panel';
import { AppError } from '../app/errors';
import { searchPeople } from '../app/search-people';
import { revokeWaiver, setWaiver } from '../app/waive-gap';
import { issueViewContext, type IssueViewContext } from './context';
import { defineResolver } from './define';
import { registerIssueMuteResolvers } from './notification-resolvers';
import { policyFor } from './ports';

const resolver = new Resolver();
const context = issueViewContext;
const wrongPlace = 'This request works only from Role Split on a Jira issue.';

function issueOf(ctx: IssueViewContext): IssueRef {
  const { issue, project } = ctx.extension;
  return { id: issue.id, key: issue.key, projectId: project.id };
}

function viewerOf(accountId: string | undefined): string {
  if (!accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to use Role Split.');
  return accountId;
}

defineResolver(resolver, 'issue/get-context', {
  context,
  wrongPlace,
  run: async ({ context: ctx, accountId, ports }) =>
    describeContext(ports, {
      issue: issueOf(ctx),
      viewer: viewerOf(accountId),
      policy: await policyFor(ctx.extension.project.id),
    }),
});

defineResolver(resolver, 'issue/get-panel', {
  context,
  wrongPlace,
  run: async ({ context: ctx, accountId, ports }) =>
    describePanel(ports, {
      issue: issueOf(ctx),
      viewer: viewerOf(accountId),
      policy: await policyFor(ctx.extension.project.id),
    }),
});

defineResolver(resolver, 'issue/assign', {
  context,
  wrongPlace,
  run: async ({ context: ctx, accountId, ports, payload }) =>
    changeOwnership(ports, {
      issue: issueOf(ctx),
      viewer: viewerOf(accountId),
      policy: await policyFor(ctx.extension.project.id),
      change: { kind: 'assign', accountId: payload.accountId },
      expected: payload.expected,
      ...(payload.role ? { role: payload.role } : {}),
    }),
});

defineResolver(resolver, 'issue/assign-me', {
  context,
  wrongPlace,
  run: async ({ context: ctx, accountId, ports, payload }) => {
    const viewer = viewerOf(accountId);
    return changeOwnership(ports, {
      issue: issueOf(ctx),
      viewer,
      policy: await policyFor(ctx.extension.project.id),
      change: { kind: 'assign', accountId: viewer },
      expected: payload.expected,
      ...(payload.role ? { role: payload.role } : {}),
    });
  },
});

defineResolver(resolver, 'issue/clear', {
  context,
  wrongPlace,
  run: async ({ context: ctx, accountId, ports, payload }) =>
    changeOwnership(ports, {
      issue: issueOf(ctx),
      viewer: viewerOf(accountId),
      policy: await policyFor(ctx.extension.project.id),
      change: payload.reset ? { kind: 'reset' } : { kind: 'clear' },
      expected: payload.expected,
      ...(payload.role ? { role: payload.role } : {}),
    }),
});

defineResolver(resolver, 'issue/search-people', {
  context,
  wrongPlace,
  run: async ({ context: ctx, ports, payload }) =>
    searchPeople(ports, {
      issue: issueOf(ctx),
      policy: await policyFor(ctx.extension.project.id),
      query: payload.query,
    }),
});

defineResolver(resolver, 'issue/set-waiver', {
  context,
  wrongPlace,
  run: async ({ context: ctx, accountId, ports, payload }) =>
    setWaiver(ports, { issue: issueOf(ctx), viewer: viewerOf(accountId), ...payload }),
});

defineResolver(resolver, 'issue/revoke-waiver', {
  context,
  wrongPlace,
  run: async ({ context: ctx, accountId, ports, payload }) =>
    revokeWaiver(ports, { issue: issueOf(ctx), viewer: viewerOf(accountId), code: payload.code }),
});

registerIssueMuteResolvers(resolver);

const definitions = resolver.getDefinitions();
/** `role-split-issue-panel`'s resolver function. */
export const issuePanelHandler = definitions;
/** `role-split-issue-context`'s resolver function (the same definitions). */
export const issueContextHandler = definitions;
