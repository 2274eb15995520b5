// Context variables for the sandbox's expression evaluator, built from plain facts (no site needed).
import { Entity, EntityPropertiesValue, type Value } from '../../../sandbox/site/expressions';

export interface IssueFacts {
  id?: number | null;
  key?: string;
  typeName?: string;
  level?: number;
  status?: string;
  ownership?: unknown;
}

function properties(owner: string, values: Record<string, unknown>): EntityPropertiesValue {
  return new EntityPropertiesValue(
    owner,
    (key) => values[key],
    () => Object.keys(values).filter((k) => values[k] !== undefined),
  );
}

export function variables(
  issue: IssueFacts = {},
  policy?: unknown,
  extra: Record<string, unknown> = {},
): Record<string, Value> {
  const issueType = new Entity('IssueType', {
    id: () => '10001',
    name: () => issue.typeName ?? 'Story',
    description: () => '',
    subtask: () => (issue.level ?? 0) < 0,
    hierarchyLevel: () => issue.level ?? 0,
  });
  const status = new Entity('IssueStatus', {
    id: () => 10000,
    name: () => issue.status ?? 'To Do',
    category: () =>
      new Entity('StatusCategory', {
        id: () => 2,
        key: () => 'new',
        name: () => 'To Do',
        colorName: () => 'blue-gray',
      }),
  });
  const project = new Entity('Project', {
    id: () => 10000,
    key: () => 'SHOP',
    name: () => 'Shop',
    projectTypeKey: () => 'software',
    properties: () => properties('project 10000', { 'role-split-policy': policy, ...extra }),
  });
  const issueEntity = new Entity('Issue', {
    id: () => (issue.id === undefined ? 10001 : issue.id),
    key: () => issue.key ?? 'SHOP-1',
    summary: () => 'Summary',
    issueType: () => issueType,
    status: () => status,
    project: () => project,
    properties: () => properties('issue 10001', { 'role-split-ownership': issue.ownership }),
  });
  const user = new Entity('User', { accountId: () => 'user-1', displayName: () => 'Ada' });
  return { issue: issueEntity, project, user };
}
