// The Jira expression types the sandbox models, with the members of each as Jira's type reference documents
// them (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/). A member the
// reference lists but the sandbox does not model is an UnsupportedConstruct (loud); a member the reference
// does not list is Jira's own error ("Unrecognized property of `Issue`"). One table for the evaluator and the
// analyser, so `POST /expression/analyse` and a transition never disagree.

export type EntityType =
  | 'Issue'
  | 'IssueType'
  | 'IssueStatus'
  | 'StatusCategory'
  | 'Project'
  | 'User'
  | 'Transition'
  | 'EntityProperties';

export type ValueType = EntityType | 'String' | 'Number' | 'Boolean' | 'List' | 'Map' | 'Any' | 'Null';

/** What each modelled member holds. Ids are Numbers except the issue type's, as in the reference. */
export const MEMBERS: Record<EntityType, Record<string, ValueType>> = {
  Issue: {
    id: 'Number',
    key: 'String',
    summary: 'String',
    issueType: 'IssueType',
    status: 'IssueStatus',
    project: 'Project',
    properties: 'EntityProperties',
  },
  IssueType: {
    id: 'String',
    name: 'String',
    description: 'String',
    subtask: 'Boolean',
    hierarchyLevel: 'Number',
  },
  IssueStatus: { id: 'Number', name: 'String', category: 'StatusCategory' },
  StatusCategory: { id: 'Number', key: 'String', name: 'String', colorName: 'String' },
  Project: {
    id: 'Number',
    key: 'String',
    name: 'String',
    projectTypeKey: 'String',
    properties: 'EntityProperties',
  },
  User: { accountId: 'String', displayName: 'String' },
  Transition: { id: 'Number', name: 'String', from: 'IssueStatus', to: 'IssueStatus', hasScreen: 'Boolean' },
  EntityProperties: {},
};

/** Members the reference documents that the sandbox leaves out: reading one is refused, loudly. */
export const UNMODELLED: Record<EntityType, readonly string[]> = {
  Issue: [
    'description',
    'environment',
    'priority',
    'created',
    'updated',
    'dueDate',
    'resolutionDate',
    'resolution',
    'originalEstimate',
    'remainingEstimate',
    'timeSpent',
    'securityLevel',
    'parent',
    'childIssues',
    'assignee',
    'reporter',
    'creator',
    'votes',
    'watchers',
    'labels',
    'versions',
    'fixVersions',
    'components',
    'comments',
    'attachments',
    'links',
    'subtasks',
    'sprint',
    'closedSprints',
    'flagged',
    'epic',
    'stories',
    'isEpic',
    'changelogs',
    'worklogs',
    'timeTracking',
    'customfield_*',
  ],
  IssueType: ['iconUrl', 'properties'],
  IssueStatus: ['description', 'iconUrl'],
  StatusCategory: [],
  Project: [
    'avatarUrls',
    'projectCategory',
    'components',
    'versions',
    'lead',
    'style',
    'isFavourite',
    'issueTypes',
  ],
  User: ['active', 'timeZone', 'locale', 'emailAddress', 'groups', 'properties', 'avatarUrls', 'accountType'],
  Transition: ['isInitial', 'isGlobal', 'isConditional', 'isLooped'],
  EntityProperties: [],
};

/** Methods the sandbox evaluates, by the type of the value they are called on, with their result type. */
export const METHODS: Partial<Record<ValueType, Record<string, { args: number; result: ValueType }>>> = {
  EntityProperties: { get: { args: 1, result: 'Any' }, keys: { args: 0, result: 'List' } },
  List: { includes: { args: 1, result: 'Boolean' } },
  String: { includes: { args: 1, result: 'Boolean' } },
};

/** Plain members of non-entity values. */
export const VALUE_MEMBERS: Partial<Record<ValueType, Record<string, ValueType>>> = {
  List: { length: 'Number' },
  String: { length: 'Number' },
};

/** The context variables of a workflow validator (Forge's jira:workflowValidator documents these four). */
export const CONTEXT_VARIABLES: Record<string, EntityType> = {
  issue: 'Issue',
  project: 'Project',
  user: 'User',
  transition: 'Transition',
};

export function unmodelled(type: EntityType, member: string): boolean {
  return UNMODELLED[type].includes(member) || (type === 'Issue' && member.startsWith('customfield_'));
}

export function unrecognizedProperty(type: string, member: string, available: readonly string[]): string {
  return (
    `Unrecognized property of \`${type}\`: "${member}". Available properties of type '${type}' are: ` +
    available.map((a) => `'${a}'`).join(', ')
  );
}
