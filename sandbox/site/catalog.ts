// The fixed configuration of the embedded site: statuses and their categories, the workflow's transitions,
// issue types with their hierarchy levels, and the permissions Jira knows. Ids follow a fresh Jira Cloud
// company-managed site (e.g. status category 2 "To Do", 4 "In Progress", 3 "Done"; transition 11/21/31), so
// what the app sees looks like what it will meet on a real site.

export interface StatusCategory {
  id: number;
  key: 'new' | 'indeterminate' | 'done';
  name: string;
  colorName: string;
}

export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  { id: 3, key: 'done', name: 'Done', colorName: 'green' },
];

export interface Status {
  id: string;
  name: string;
  description: string;
  categoryKey: StatusCategory['key'];
  /** The global transition that leads to this status. */
  transition: { id: string; name: string };
  /**
   * The workflow's status properties (company-managed workflows), e.g. `jira.permission.edit.denied`, which
   * takes Edit Issues away from everyone on an issue in this status (see ./permissions.ts).
   */
  properties?: Readonly<Record<string, string>>;
}

export const STATUSES: readonly Status[] = [
  {
    id: '10000',
    name: 'To Do',
    description: 'Work that has not started.',
    categoryKey: 'new',
    transition: { id: '11', name: 'To Do' },
  },
  {
    id: '3',
    name: 'In Progress',
    description: 'This issue is being actively worked on at the moment by the assignee.',
    categoryKey: 'indeterminate',
    transition: { id: '21', name: 'In Progress' },
  },
  {
    id: '10002',
    name: 'In Review',
    description: 'The work is done and waits for review.',
    categoryKey: 'indeterminate',
    transition: { id: '41', name: 'Review' },
  },
  {
    id: '10003',
    name: 'Approved',
    description: 'Signed off: nobody edits the issue any more (the status denies Edit Issues).',
    categoryKey: 'indeterminate',
    transition: { id: '51', name: 'Approve' },
    properties: { 'jira.permission.edit.denied': '' },
  },
  {
    id: '10001',
    name: 'Done',
    description: 'Work that is complete.',
    categoryKey: 'done',
    transition: { id: '31', name: 'Done' },
  },
];

export const STATUS_IDS = {
  toDo: '10000',
  inProgress: '3',
  inReview: '10002',
  /** Approved: its status property `jira.permission.edit.denied` locks the issue's edits. */
  approved: '10003',
  done: '10001',
} as const;

export interface IssueType {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number;
  subtask: boolean;
  avatarId: number;
}

export const ISSUE_TYPES: readonly IssueType[] = [
  {
    id: '10005',
    name: 'Initiative',
    description: 'A large body of work spanning several epics.',
    hierarchyLevel: 2,
    subtask: false,
    avatarId: 10321,
  },
  {
    id: '10000',
    name: 'Epic',
    description: 'A big user story that needs to be broken down.',
    hierarchyLevel: 1,
    subtask: false,
    avatarId: 10307,
  },
  {
    id: '10001',
    name: 'Story',
    description: 'Functionality or a feature expressed as a user goal.',
    hierarchyLevel: 0,
    subtask: false,
    avatarId: 10315,
  },
  {
    id: '10002',
    name: 'Task',
    description: 'A small, distinct piece of work.',
    hierarchyLevel: 0,
    subtask: false,
    avatarId: 10318,
  },
  {
    id: '10004',
    name: 'Bug',
    description: 'A problem or error.',
    hierarchyLevel: 0,
    subtask: false,
    avatarId: 10303,
  },
  {
    id: '10003',
    name: 'Sub-task',
    description: 'A small piece of work that is part of a larger task.',
    hierarchyLevel: -1,
    subtask: true,
    avatarId: 10316,
  },
];

export const ISSUE_TYPE_IDS = {
  initiative: '10005',
  epic: '10000',
  story: '10001',
  task: '10002',
  bug: '10004',
  subtask: '10003',
} as const;

export interface PermissionDefinition {
  key: string;
  id: string;
  name: string;
  description: string;
  type: 'PROJECT' | 'GLOBAL';
}

/** Jira's built-in permissions (the ones a Forge app may name in mypermissions / permissions/check). */
export const PERMISSIONS: readonly PermissionDefinition[] = [
  {
    key: 'ADMINISTER',
    id: '0',
    name: 'Administer Jira',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects. Users with this permission can perform most administration tasks, except: managing users, importing data, and editing system email settings.',
    type: 'GLOBAL',
  },
  {
    key: 'SYSTEM_ADMIN',
    id: '44',
    name: 'Administer Jira system',
    description: 'Ability to perform all administration functions.',
    type: 'GLOBAL',
  },
  {
    key: 'USER_PICKER',
    id: '27',
    name: 'Browse users and groups',
    description:
      'View and select users or groups from the user picker, and share issues. Users with this permission can see the names of all users and groups on your site.',
    type: 'GLOBAL',
  },
  {
    key: 'CREATE_SHARED_OBJECTS',
    id: '22',
    name: 'Share dashboards and filters',
    description: 'Share dashboards and filters with other users.',
    type: 'GLOBAL',
  },
  {
    key: 'BULK_CHANGE',
    id: '33',
    name: 'Make bulk changes',
    description: 'Modify collections of issues at once.',
    type: 'GLOBAL',
  },
  {
    key: 'ADMINISTER_PROJECTS',
    id: '23',
    name: 'Administer Projects',
    description: 'Ability to administer a project in Jira.',
    type: 'PROJECT',
  },
  {
    key: 'BROWSE_PROJECTS',
    id: '10',
    name: 'Browse Projects',
    description: 'Ability to browse projects and the issues within them.',
    type: 'PROJECT',
  },
  {
    key: 'VIEW_READONLY_WORKFLOW',
    id: '45',
    name: 'View Read-Only Workflow',
    description: 'Users with this permission may view a read-only version of a workflow.',
    type: 'PROJECT',
  },
  {
    key: 'VIEW_DEV_TOOLS',
    id: '29',
    name: 'View Development Tools',
    description: 'Allows users in a software project to view development-related information on the issue.',
    type: 'PROJECT',
  },
  {
    key: 'CREATE_ISSUES',
    id: '11',
    name: 'Create Issues',
    description: 'Ability to create issues.',
    type: 'PROJECT',
  },
  {
    key: 'EDIT_ISSUES',
    id: '12',
    name: 'Edit Issues',
    description: 'Ability to edit issues.',
    type: 'PROJECT',
  },
  {
    key: 'TRANSITION_ISSUES',
    id: '46',
    name: 'Transition Issues',
    description: 'Ability to transition issues.',
    type: 'PROJECT',
  },
  {
    key: 'ASSIGN_ISSUES',
    id: '13',
    name: 'Assign Issues',
    description: 'Ability to assign issues to other people.',
    type: 'PROJECT',
  },
  {
    key: 'ASSIGNABLE_USER',
    id: '17',
    name: 'Assignable User',
    description: 'Users with this permission may be assigned to issues.',
    type: 'PROJECT',
  },
  {
    key: 'RESOLVE_ISSUES',
    id: '14',
    name: 'Resolve Issues',
    description: 'Ability to resolve and reopen issues.',
    type: 'PROJECT',
  },
  {
    key: 'CLOSE_ISSUES',
    id: '18',
    name: 'Close Issues',
    description: 'Ability to close issues.',
    type: 'PROJECT',
  },
  {
    key: 'SCHEDULE_ISSUES',
    id: '28',
    name: 'Schedule Issues',
    description: "Ability to set or edit an issue's due date.",
    type: 'PROJECT',
  },
  {
    key: 'MOVE_ISSUES',
    id: '25',
    name: 'Move Issues',
    description: 'Ability to move issues between projects or between workflows of the same project.',
    type: 'PROJECT',
  },
  {
    key: 'LINK_ISSUES',
    id: '21',
    name: 'Link Issues',
    description: 'Ability to link issues together and create linked issues.',
    type: 'PROJECT',
  },
  {
    key: 'MODIFY_REPORTER',
    id: '30',
    name: 'Modify Reporter',
    description: 'Ability to modify the reporter when creating or editing an issue.',
    type: 'PROJECT',
  },
  {
    key: 'DELETE_ISSUES',
    id: '16',
    name: 'Delete Issues',
    description: 'Ability to delete issues.',
    type: 'PROJECT',
  },
  {
    key: 'MANAGE_WATCHERS',
    id: '32',
    name: 'Manage Watchers',
    description: 'Ability to manage the watchers of an issue.',
    type: 'PROJECT',
  },
  {
    key: 'VIEW_VOTERS_AND_WATCHERS',
    id: '31',
    name: 'View Voters and Watchers',
    description: 'Ability to view the voters and watchers of an issue.',
    type: 'PROJECT',
  },
  {
    key: 'ADD_COMMENTS',
    id: '15',
    name: 'Add Comments',
    description: 'Ability to comment on issues.',
    type: 'PROJECT',
  },
  {
    key: 'EDIT_ALL_COMMENTS',
    id: '34',
    name: 'Edit All Comments',
    description: 'Ability to edit all comments made on issues.',
    type: 'PROJECT',
  },
  {
    key: 'EDIT_OWN_COMMENTS',
    id: '35',
    name: 'Edit Own Comments',
    description: 'Ability to edit own comments made on issues.',
    type: 'PROJECT',
  },
  {
    key: 'DELETE_ALL_COMMENTS',
    id: '36',
    name: 'Delete All Comments',
    description: 'Ability to delete all comments made on issues.',
    type: 'PROJECT',
  },
  {
    key: 'DELETE_OWN_COMMENTS',
    id: '37',
    name: 'Delete Own Comments',
    description: 'Ability to delete own comments made on issues.',
    type: 'PROJECT',
  },
  {
    key: 'CREATE_ATTACHMENTS',
    id: '19',
    name: 'Create Attachments',
    description: 'Users with this permission may create attachments.',
    type: 'PROJECT',
  },
  {
    key: 'DELETE_ALL_ATTACHMENTS',
    id: '38',
    name: 'Delete All Attachments',
    description: 'Users with this permission may delete all attachments.',
    type: 'PROJECT',
  },
  {
    key: 'DELETE_OWN_ATTACHMENTS',
    id: '39',
    name: 'Delete Own Attachments',
    description: 'Users with this permission may delete own attachments.',
    type: 'PROJECT',
  },
  {
    key: 'WORK_ON_ISSUES',
    id: '20',
    name: 'Work On Issues',
    description: 'Ability to log work done against an issue.',
    type: 'PROJECT',
  },
  {
    key: 'SET_ISSUE_SECURITY',
    id: '26',
    name: 'Set Issue Security',
    description:
      'Ability to set the level of security on an issue so that only people in that security level can see the issue.',
    type: 'PROJECT',
  },
];

export const PERMISSIONS_BY_KEY: ReadonlyMap<string, PermissionDefinition> = new Map(
  PERMISSIONS.map((p) => [p.key, p]),
);

/** Project permissions that only need the right to look: granted with BROWSE_PROJECTS in the demo schemes. */
export const BROWSE_LEVEL_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'VIEW_READONLY_WORKFLOW',
  'VIEW_DEV_TOOLS',
  'VIEW_VOTERS_AND_WATCHERS',
];
/** Project permissions of people who work on issues: granted with EDIT_ISSUES in the demo schemes. */
export const WORK_LEVEL_PERMISSIONS = [
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'SCHEDULE_ISSUES',
  'LINK_ISSUES',
  'MANAGE_WATCHERS',
  'ADD_COMMENTS',
  'EDIT_OWN_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'CREATE_ATTACHMENTS',
  'DELETE_OWN_ATTACHMENTS',
  'WORK_ON_ISSUES',
];
/** Project permissions kept for project administrators in the demo schemes. */
export const ADMIN_LEVEL_PERMISSIONS = [
  'ADMINISTER_PROJECTS',
  'DELETE_ISSUES',
  'MOVE_ISSUES',
  'MODIFY_REPORTER',
  'EDIT_ALL_COMMENTS',
  'DELETE_ALL_COMMENTS',
  'DELETE_ALL_ATTACHMENTS',
  'SET_ISSUE_SECURITY',
];

export function statusById(id: string): Status | undefined {
  return STATUSES.find((s) => s.id === id);
}

export function categoryOf(status: Status): StatusCategory {
  const category = STATUS_CATEGORIES.find((c) => c.key === status.categoryKey);
  if (!category) throw new Error(`status ${status.id} has no category`);
  return category;
}

export function issueTypeById(id: string): IssueType | undefined {
  return ISSUE_TYPES.find((t) => t.id === id);
}

/**
 * The entity property Role Split keeps ownership in. Which of its paths JQL can search (and by which aliases)
 * comes from manifest.yml's `jira:entityProperty` modules: see ./property-index.ts.
 */
export const OWNERSHIP_PROPERTY_KEY = 'role-split-ownership';
