// The demo site the sandbox starts with: a "Storefront" product project (SHOP) with initiatives, epics,
// stories, tasks, bugs and sub-tasks, a "Mobile" project (MOB) whose stories hang under SHOP epics, and a cast
// of people in the Product Manager / Product Owner roles (directly, through a group, one deactivated),
// developers, a viewer, an outsider and a site admin. Everything is generated deterministically.
//
// Gaps placed on purpose (scanning SHOP with the default policy: Story is the only execution type, Done issues
// out of scope, no grace period). `DEMO.gapExamples` lists the same keys for tests:
//   OWNERSHIP_INVALID      epic "Accessibility fixes" (pm written as a bare string by another tool) and
//                          story "Sticky add-to-basket bar on mobile web" (schema 2, from a future version)
//   EPIC_WITHOUT_PM        epic "Gift cards" (no property) and epic "Wishlist sharing" (only a po)
//   PM_NOT_ELIGIBLE        epic "Product reviews and ratings" (pm Helen Okafor, deactivated) and
//                          epic "Search relevance" (pm Diego Fernández, a developer, not in the PM role)
//   STORY_WITHOUT_PO       stories "Birthday bonus points", "Synonyms for common product names",
//                          "Returns policy page per country" (no property) and
//                          "Remember guest email for order lookup" (only a pm)
//   PO_NOT_ELIGIBLE        story "3-D Secure challenge for saved cards" (po Yuki Tanaka, a developer) and
//                          story "Exchange for a different size" (po an account unknown to the site)
//   ROLE_MISPLACED         epic "Wishlist sharing" (a po on an epic) and story
//                          "Remember guest email for order lookup" (a pm on a story)
//   SAME_PERSON_PM_AND_PO  story "Track split shipments separately" (po Chen Wei = pm of epic "Order tracking")
//   STORY_WITHOUT_EPIC     stories "Cookie consent banner refresh" and "Footer links audit" (no parent)
//   EPIC_WITHOUT_STORIES   epic "Holiday campaign landing pages" (nothing beneath it)
// And traps for a careless engine: epic "Mobile app parity" has stories only in MOB (children elsewhere count),
// epic "Legacy cart migration" is Done with Done stories (out of scope), tasks/bugs carry no owner (out of
// scope by default), some Done stories have no owner. Coverage with these: 12 of the 17 open strategy issues
// have an eligible PM, 53 of the 60 open stories an eligible PO (about 84% overall). MOB has no gaps.
//
// Issue security (SHOP's scheme "Storefront security"; MOB has none):
//   Product leadership   members: the Administrators, Product Manager, Product Owner and
//                        atlassian-addons-project-access roles, and the reporter. Secures epic "Personalised
//                        recommendations" and its story "Hide recommendations for customers who opted out":
//                        Vera (viewer) and the developers see the epic's other stories, without their parent.
//   Security team        members: the site-admins group, Diego, and the assignee. Secures the task "PCI scope
//                        review for the card vault". The app is not a member (in Jira an app is in a level only
//                        when added), so the app's scan does not see it; tasks are out of scope, so no gap moves.
// Morgan (admin) is in both levels, so a scan with his token sees everything; so does the app's, but the task.
//
// Workflow: story "Track split shipments separately" (`DEMO.editDeniedStoryKey`, also the SAME_PERSON_PM_AND_PO
// example) is Approved, a status whose property `jira.permission.edit.denied` makes its issues read-only for
// everyone, the app included: Edit Issues is refused on it alone (mypermissions, permissions/check, property
// writes), while the project still grants it. Approved is in the In Progress category, so the story is open.
//
// A third project, "Growth squad" (TEAM), is team-managed (`style: next-gen`): its roles are its own set
// (Administrator, Member, Viewer — no Product Manager or Product Owner role can exist there), it has a few epics
// and stories with no owners, and Role Split is not enabled on it. Its issues are created last, so SHOP's and
// MOB's ids and keys are the same with or without it. The site starts on the Standard plan (../plan.ts).
import type { GapCode } from '../../src/domain/model';
import {
  ADMIN_LEVEL_PERMISSIONS,
  BROWSE_LEVEL_PERMISSIONS,
  ISSUE_TYPE_IDS,
  ISSUE_TYPES,
  OWNERSHIP_PROPERTY_KEY,
  STATUS_IDS,
  WORK_LEVEL_PERMISSIONS,
  statusById,
} from './catalog';
import { CUSTOM_FIELDS } from './custom-fields';
import type { RoleActor, SiteSnapshot, SnapshotIssue } from './model';
import { SNAPSHOT_FORMAT } from './model';
import { seededRandom, stableUuid, type SeededRandom } from './seeded-random';

export { OWNERSHIP_PROPERTY_KEY };

export interface DemoUser {
  /** Short name used in tests and docs: `priya`, `lars`, ... */
  handle: string;
  accountId: string;
  displayName: string;
  email: string;
  apiToken: string;
  active: boolean;
  /** What this person is for in the demo (roles held, and how). */
  roleHint: string;
}

function demoUser(handle: string, displayName: string, roleHint: string, active = true): DemoUser {
  return {
    handle,
    accountId: `712020:${stableUuid(`role-split-demo-user:${handle}`)}`,
    displayName,
    email: `${handle}@storefront.example`,
    apiToken: `sandbox-token-${handle}`,
    active,
    roleHint,
  };
}

const people = {
  admin: demoUser(
    'morgan',
    'Morgan Reyes',
    'Site admin (Jira administrator); Administrators role in SHOP and MOB',
  ),
  pmDirect: demoUser('priya', 'Priya Natarajan', 'Product Manager (project role, as a user actor)'),
  pmViaGroup: demoUser('lars', 'Lars Eriksen', 'Product Manager through the product-managers group actor'),
  pmDeactivated: demoUser('helen', 'Helen Okafor', 'Product Manager actor, but deactivated', false),
  pmAndPo: demoUser('chen', 'Chen Wei', 'Holds both Product Manager and Product Owner roles (user actor)'),
  poDirect: demoUser('sam', 'Sam Whitaker', 'Product Owner (project role, as a user actor)'),
  poViaGroup: demoUser('amara', 'Amara Diallo', 'Product Owner through the product-owners group actor'),
  developer: demoUser('diego', 'Diego Fernández', 'Developer (can edit, holds no product role)'),
  developer2: demoUser('yuki', 'Yuki Tanaka', 'Developer in SHOP and MOB'),
  developer3: demoUser('olivia', 'Olivia Brooks', 'Developer'),
  viewer: demoUser('vera', 'Vera Lindqvist', 'Viewer: can browse SHOP and MOB, cannot edit'),
  outsider: demoUser('noah', 'Noah Kim', 'Developer in MOB only: cannot see SHOP'),
};

type Handle = keyof typeof people;
/** A demo person by handle, or a raw account id (e.g. one the site does not know). */
type AccountIdText = `712020:${string}`;
type Owner = Handle | AccountIdText;

const GROUPS = {
  siteAdmins: 'site-admins',
  users: 'jira-software-users',
  productManagers: 'product-managers',
  productOwners: 'product-owners',
  addons: 'atlassian-addons-admin',
} as const;

const ROLE_IDS = {
  developers: 10000,
  viewers: 10001,
  administrators: 10002,
  addons: 10003,
  productManager: 10100,
  productOwner: 10101,
} as const;

const SECURITY = {
  schemeId: '10000',
  leadership: '10100',
  securityTeam: '10101',
} as const;

/** Issues secured on purpose, by reference, with their level. */
const SECURED_REFS: Record<string, string> = {
  E15: SECURITY.leadership,
  'E15.S4': SECURITY.leadership,
  'E2.K1': SECURITY.securityTeam,
};

const APP_ACCOUNT_ID = `557058:${stableUuid('role-split-demo-app')}`;
/** An owner recorded in a property whose account the site does not know (a departed contractor). */
const UNKNOWN_ACCOUNT_ID: AccountIdText = `712020:${stableUuid('role-split-demo-user:departed-contractor')}`;

/** The demo's "today": seed dates lie before it. */
const DEMO_NOW = Date.parse('2026-02-27T12:00:00.000Z');

/** The story in Approved (status property `jira.permission.edit.denied`): nobody may edit it. */
const EDIT_DENIED_REF = 'E3.S5';

// Gap examples are filled in while the SHOP issues are laid out (by reference, then resolved to keys).
const GAP_REFS: Record<GapCode, string[]> = {
  OWNERSHIP_INVALID: ['E9', 'E14.S6'],
  EPIC_WITHOUT_PM: ['E7', 'E8'],
  PM_NOT_ELIGIBLE: ['E5', 'E6'],
  STORY_WITHOUT_PO: ['E4.S7', 'E6.S3', 'E13.S7', 'E1.S7'],
  PO_NOT_ELIGIBLE: ['E2.S7', 'E13.S6'],
  ROLE_MISPLACED: ['E8', 'E1.S7'],
  SAME_PERSON_PM_AND_PO: ['E3.S5'],
  STORY_WITHOUT_EPIC: ['X.S1', 'X.S2'],
  EPIC_WITHOUT_STORIES: ['E10'],
};

// ---------------------------------------------------------------------------------------------------------
// The site's configuration: users, groups, global permissions, projects with roles and permission schemes.

function permissionScheme(): Record<string, number[]> {
  const browse = [
    ROLE_IDS.administrators,
    ROLE_IDS.developers,
    ROLE_IDS.viewers,
    ROLE_IDS.productManager,
    ROLE_IDS.productOwner,
    ROLE_IDS.addons,
  ];
  const work = [
    ROLE_IDS.administrators,
    ROLE_IDS.developers,
    ROLE_IDS.productManager,
    ROLE_IDS.productOwner,
    ROLE_IDS.addons,
  ];
  const admin = [ROLE_IDS.administrators, ROLE_IDS.addons];
  const scheme: Record<string, number[]> = {};
  for (const key of BROWSE_LEVEL_PERMISSIONS) scheme[key] = browse;
  for (const key of WORK_LEVEL_PERMISSIONS) scheme[key] = work;
  for (const key of ADMIN_LEVEL_PERMISSIONS) scheme[key] = admin;
  return scheme;
}

const user = (h: Handle): RoleActor => ({ type: 'user', accountId: people[h].accountId });
const group = (groupName: string): RoleActor => ({ type: 'group', groupName });

function roles(actors: {
  administrators: RoleActor[];
  developers: RoleActor[];
  viewers: RoleActor[];
  productManager: RoleActor[];
  productOwner: RoleActor[];
}): SiteSnapshot['projects'][number]['roles'] {
  return [
    {
      id: ROLE_IDS.administrators,
      name: 'Administrators',
      description: 'Project administrators.',
      actors: actors.administrators,
    },
    {
      id: ROLE_IDS.developers,
      name: 'Developers',
      description: 'People who work on the issues.',
      actors: actors.developers,
    },
    {
      id: ROLE_IDS.viewers,
      name: 'Viewers',
      description: 'People who can look but not change.',
      actors: actors.viewers,
    },
    {
      id: ROLE_IDS.addons,
      name: 'atlassian-addons-project-access',
      description: 'A project role that represents Connect and Forge apps permitted to access this project.',
      actors: [{ type: 'user', accountId: APP_ACCOUNT_ID }],
    },
    {
      id: ROLE_IDS.productManager,
      name: 'Product Manager',
      description: 'Owns the what and why: initiatives and epics.',
      actors: actors.productManager,
    },
    {
      id: ROLE_IDS.productOwner,
      name: 'Product Owner',
      description: 'Owns the how: the backlog and its stories.',
      actors: actors.productOwner,
    },
  ];
}

const SHOP_ID = '10000';
const MOB_ID = '10001';
const TEAM_ID = '10002';

/** A team-managed project's own roles (ids of its own, not the site-wide roles of company-managed projects). */
const TEAM_ROLE_IDS = { administrator: 10200, member: 10201, viewer: 10202 } as const;

function teamRoles(): SiteSnapshot['projects'][number]['roles'] {
  return [
    {
      id: TEAM_ROLE_IDS.administrator,
      name: 'Administrator',
      description: 'Admins can do most things, like update settings and add other admins.',
      actors: [user('admin'), user('pmDirect')],
    },
    {
      id: TEAM_ROLE_IDS.member,
      name: 'Member',
      description: 'Members are part of the team, and can add, edit, and collaborate on all work.',
      actors: [user('poDirect'), user('developer'), user('developer3'), user('pmViaGroup')],
    },
    {
      id: TEAM_ROLE_IDS.viewer,
      name: 'Viewer',
      description: "Viewers can search through, view, and comment on your team's work, but not much else.",
      actors: [user('viewer')],
    },
    {
      id: ROLE_IDS.addons,
      name: 'atlassian-addons-project-access',
      description: 'A project role that represents Connect and Forge apps permitted to access this project.',
      actors: [{ type: 'user', accountId: APP_ACCOUNT_ID }],
    },
  ];
}

/** What a team-managed project's roles may do (it has no permission scheme of its own to edit). */
function teamPermissions(): Record<string, number[]> {
  const { administrator, member, viewer } = TEAM_ROLE_IDS;
  const scheme: Record<string, number[]> = {};
  for (const key of BROWSE_LEVEL_PERMISSIONS) scheme[key] = [administrator, member, viewer, ROLE_IDS.addons];
  for (const key of WORK_LEVEL_PERMISSIONS) scheme[key] = [administrator, member, ROLE_IDS.addons];
  for (const key of ADMIN_LEVEL_PERMISSIONS) scheme[key] = [administrator, ROLE_IDS.addons];
  return scheme;
}

/** The project property that enables Role Split on a project (issue 10): the demo's projects start enabled. */
export const POLICY_PROPERTY_KEY = 'role-split-policy';

function enabledPolicy(): Record<string, unknown> {
  return { [POLICY_PROPERTY_KEY]: { schema: 1, enabled: true } };
}

function baseSnapshot(): Omit<SiteSnapshot, 'issues' | 'nextIssueId'> {
  const groupsOf: Record<Handle, string[]> = {
    admin: [GROUPS.siteAdmins, GROUPS.users],
    pmDirect: [GROUPS.users],
    pmViaGroup: [GROUPS.users, GROUPS.productManagers],
    pmDeactivated: [GROUPS.users],
    pmAndPo: [GROUPS.users],
    poDirect: [GROUPS.users],
    poViaGroup: [GROUPS.users, GROUPS.productOwners],
    developer: [GROUPS.users],
    developer2: [GROUPS.users],
    developer3: [GROUPS.users],
    viewer: [GROUPS.users],
    outsider: [GROUPS.users],
  };
  const timeZones = [
    'Europe/London',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Singapore',
    'Australia/Sydney',
  ];
  const users: SiteSnapshot['users'] = (Object.keys(people) as Handle[]).map((h, i) => ({
    accountId: people[h].accountId,
    accountType: 'atlassian',
    displayName: people[h].displayName,
    email: people[h].email,
    apiToken: people[h].apiToken,
    active: people[h].active,
    timeZone: timeZones[i % timeZones.length] ?? 'UTC',
    locale: 'en_US',
    groups: groupsOf[h],
  }));
  users.push({
    accountId: APP_ACCOUNT_ID,
    accountType: 'app',
    displayName: 'Role Split',
    email: null,
    apiToken: null,
    active: true,
    timeZone: 'UTC',
    locale: 'en_US',
    groups: [GROUPS.addons],
  });
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    appAccountId: APP_ACCOUNT_ID,
    plan: 'standard',
    users,
    groups: Object.values(GROUPS).map((name) => ({
      groupId: stableUuid(`role-split-demo-group:${name}`),
      name,
    })),
    globalPermissions: {
      ADMINISTER: [GROUPS.siteAdmins, GROUPS.addons],
      USER_PICKER: [GROUPS.users, GROUPS.addons],
      CREATE_SHARED_OBJECTS: [GROUPS.users],
      BULK_CHANGE: [GROUPS.users],
    },
    projects: [
      {
        id: SHOP_ID,
        key: 'SHOP',
        name: 'Storefront',
        style: 'classic',
        description: 'The web storefront: checkout, accounts, loyalty, search and the pages around them.',
        leadAccountId: people.pmDirect.accountId,
        issueTypeIds: Object.values(ISSUE_TYPE_IDS),
        roles: roles({
          administrators: [user('admin')],
          developers: [user('developer'), user('developer2'), user('developer3')],
          viewers: [user('viewer')],
          productManager: [
            user('pmDirect'),
            user('pmDeactivated'),
            user('pmAndPo'),
            group(GROUPS.productManagers),
          ],
          productOwner: [user('poDirect'), user('pmAndPo'), group(GROUPS.productOwners)],
        }),
        permissionScheme: permissionScheme(),
        nextNumber: 1,
        issueSecuritySchemeId: SECURITY.schemeId,
        properties: enabledPolicy(),
      },
      {
        id: MOB_ID,
        key: 'MOB',
        name: 'Mobile',
        style: 'classic',
        description: 'The iOS and Android shopping apps.',
        leadAccountId: people.pmAndPo.accountId,
        issueTypeIds: [
          ISSUE_TYPE_IDS.epic,
          ISSUE_TYPE_IDS.story,
          ISSUE_TYPE_IDS.task,
          ISSUE_TYPE_IDS.bug,
          ISSUE_TYPE_IDS.subtask,
        ],
        roles: roles({
          administrators: [user('admin')],
          developers: [user('outsider'), user('developer2')],
          viewers: [user('viewer')],
          productManager: [user('pmDirect'), user('pmAndPo'), group(GROUPS.productManagers)],
          productOwner: [user('poDirect'), group(GROUPS.productOwners)],
        }),
        permissionScheme: permissionScheme(),
        nextNumber: 1,
        issueSecuritySchemeId: null,
        properties: enabledPolicy(),
      },
      {
        id: TEAM_ID,
        key: 'TEAM',
        name: 'Growth squad',
        style: 'next-gen',
        description:
          'A team-managed project: experiments on sign-up and onboarding. Role Split is not enabled here.',
        leadAccountId: people.pmDirect.accountId,
        issueTypeIds: [
          ISSUE_TYPE_IDS.epic,
          ISSUE_TYPE_IDS.story,
          ISSUE_TYPE_IDS.task,
          ISSUE_TYPE_IDS.bug,
          ISSUE_TYPE_IDS.subtask,
        ],
        roles: teamRoles(),
        permissionScheme: teamPermissions(),
        nextNumber: 1,
        issueSecuritySchemeId: null,
        properties: {},
      },
    ],
    issueSecuritySchemes: [
      {
        id: SECURITY.schemeId,
        name: 'Storefront security',
        description: 'Who may see sensitive Storefront work.',
        levels: [
          {
            id: SECURITY.leadership,
            name: 'Product leadership',
            description: 'Product managers, product owners, project admins and the apps they added.',
            members: [
              { type: 'projectRole', roleId: ROLE_IDS.administrators },
              { type: 'projectRole', roleId: ROLE_IDS.productManager },
              { type: 'projectRole', roleId: ROLE_IDS.productOwner },
              { type: 'projectRole', roleId: ROLE_IDS.addons },
              { type: 'reporter' },
            ],
          },
          {
            id: SECURITY.securityTeam,
            name: 'Security team',
            description: 'Site admins, the security champion and whoever is assigned.',
            members: [
              { type: 'group', groupName: GROUPS.siteAdmins },
              { type: 'user', accountId: people.developer.accountId },
              { type: 'assignee' },
            ],
          },
        ],
      },
    ],
    outbox: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Issue plans: what the demo backlog holds. Issues are laid out in creation order per project.

type Kind = 'initiative' | 'epic' | 'story' | 'task' | 'bug' | 'subtask';
type StatusName = 'todo' | 'progress' | 'review' | 'approved' | 'done';

const TYPE_OF: Record<Kind, string> = {
  initiative: ISSUE_TYPE_IDS.initiative,
  epic: ISSUE_TYPE_IDS.epic,
  story: ISSUE_TYPE_IDS.story,
  task: ISSUE_TYPE_IDS.task,
  bug: ISSUE_TYPE_IDS.bug,
  subtask: ISSUE_TYPE_IDS.subtask,
};
const STATUS_OF: Record<StatusName, string> = {
  todo: STATUS_IDS.toDo,
  progress: STATUS_IDS.inProgress,
  review: STATUS_IDS.inReview,
  approved: STATUS_IDS.approved,
  done: STATUS_IDS.done,
};

/** `undefined`: the default owner is drawn; `null`: no property at all; an object: exactly this value. */
type OwnershipPlan = { pm?: Owner; po?: Owner } | { raw: unknown } | null | undefined;

interface StoryPlan {
  summary: string;
  status?: StatusName;
  ownership?: OwnershipPlan;
  subtasks?: string[];
}

interface EpicPlan {
  ref: string;
  summary: string;
  initiative: string;
  status: StatusName;
  ownership: OwnershipPlan;
  stories: Array<string | StoryPlan>;
  tasks?: string[];
  bugs?: string[];
}

const INITIATIVES: Array<{ ref: string; summary: string; pm: Handle }> = [
  { ref: 'I1', summary: 'Checkout that converts', pm: 'pmDirect' },
  { ref: 'I2', summary: 'Customers who come back', pm: 'pmViaGroup' },
  { ref: 'I3', summary: 'A storefront people trust', pm: 'pmAndPo' },
];

const EPICS: EpicPlan[] = [
  {
    ref: 'E1',
    summary: 'Guest checkout',
    initiative: 'I1',
    status: 'progress',
    ownership: { pm: 'pmDirect' },
    stories: [
      {
        summary: 'Check out without creating an account',
        subtasks: ['Design the guest flow', 'Guest order API', 'End-to-end tests for guest checkout'],
      },
      'Offer account creation after a guest order',
      'Pre-fill the shipping address from a postcode lookup',
      'Show an order summary before payment',
      'Email a receipt for guest orders',
      'Validate card details inline',
      { summary: 'Remember guest email for order lookup', status: 'progress', ownership: { pm: 'pmDirect' } },
      'Apple Pay and Google Pay buttons',
      'Address autocomplete for international addresses',
    ],
    tasks: ['Feature flag for guest checkout', 'Load test the checkout API'],
    bugs: ['Basket total ignores the discount after a currency switch'],
  },
  {
    ref: 'E2',
    summary: 'Saved payment methods',
    initiative: 'I1',
    status: 'progress',
    ownership: { pm: 'pmViaGroup' },
    stories: [
      {
        summary: 'Save a card during checkout',
        subtasks: ['Card vault integration', 'Consent copy for saving cards'],
      },
      'Choose a saved card at checkout',
      'Remove a saved card from my account',
      'Set a default payment method',
      'Tokenise cards with the payment provider',
      'Warn before a saved card expires',
      { summary: '3-D Secure challenge for saved cards', status: 'todo', ownership: { po: 'developer2' } },
    ],
    tasks: ['PCI scope review for the card vault'],
  },
  {
    ref: 'E3',
    summary: 'Order tracking',
    initiative: 'I2',
    status: 'progress',
    ownership: { pm: 'pmAndPo' },
    stories: [
      {
        summary: 'Order status page with carrier tracking',
        subtasks: ['Carrier tracking API client', 'Tracking page layout'],
      },
      'Email shipping updates',
      'Show the estimated delivery date on the order page',
      'Let customers report a missing parcel',
      // Approved: its status denies Edit Issues (EDIT_DENIED_REF). Was In Review, which draws the same random
      // numbers, so every other issue is as before.
      { summary: 'Track split shipments separately', status: 'approved', ownership: { po: 'pmAndPo' } },
      'Link the tracking page from the receipt',
      'Delivery time slots for click and collect',
    ],
    bugs: ['Tracking page shows UTC times to every customer'],
  },
  {
    ref: 'E4',
    summary: 'Loyalty points',
    initiative: 'I2',
    status: 'todo',
    ownership: { pm: 'pmDirect' },
    stories: [
      'Earn points on every order',
      'Show the points balance in the header',
      'Redeem points at checkout',
      'Expire points after 12 months',
      'Double points weekend campaign',
      'Points history page',
      { summary: 'Birthday bonus points', status: 'todo', ownership: null },
      'Tiered membership levels',
    ],
  },
  {
    ref: 'E5',
    summary: 'Product reviews and ratings',
    initiative: 'I3',
    status: 'progress',
    ownership: { pm: 'pmDeactivated' },
    stories: [
      'Write a review for a delivered product',
      'Star rating summary on the product page',
      'Moderate reviews before publishing',
      'Sort reviews by most helpful',
      'Verified-buyer badge on reviews',
      'Photo uploads in reviews',
    ],
    tasks: ['Profanity filter vendor evaluation'],
  },
  {
    ref: 'E6',
    summary: 'Search relevance',
    initiative: 'I3',
    status: 'progress',
    ownership: { pm: 'developer' },
    stories: [
      'Typo-tolerant product search',
      'Boost in-stock products in results',
      { summary: 'Synonyms for common product names', status: 'todo', ownership: null },
      'Search analytics dashboard for merchandisers',
      'Zero-results page with suggestions',
      'Filter results by price and brand',
      'Autocomplete suggestions as you type',
    ],
    bugs: [
      'Searching for "t-shirt" returns no results',
      'Search box loses focus after the first keystroke on Safari',
    ],
  },
  {
    ref: 'E7',
    summary: 'Gift cards',
    initiative: 'I2',
    status: 'todo',
    ownership: null,
    stories: [
      'Buy a digital gift card',
      'Redeem a gift card at checkout',
      'Check a gift card balance',
      'Gift card email with a personal message',
      'Corporate bulk gift card orders',
    ],
  },
  {
    ref: 'E8',
    summary: 'Wishlist sharing',
    initiative: 'I2',
    status: 'todo',
    ownership: { po: 'poDirect' },
    stories: [
      'Share a wishlist by link',
      'Notify me when a wishlist item is on sale',
      'Move wishlist items to the basket',
    ],
  },
  {
    ref: 'E9',
    summary: 'Accessibility fixes',
    initiative: 'I3',
    status: 'progress',
    ownership: { raw: { schema: 1, pm: 'Priya Natarajan' } },
    stories: [
      'Keyboard navigation through the mega menu',
      'Alt text for all product images',
      'Colour contrast on sale badges',
      'Screen-reader labels on the checkout form',
      'Focus order in the basket drawer',
    ],
    tasks: ['Run an external WCAG 2.2 audit'],
  },
  {
    ref: 'E10',
    summary: 'Holiday campaign landing pages',
    initiative: 'I2',
    status: 'todo',
    ownership: { pm: 'pmViaGroup' },
    stories: [],
  },
  {
    ref: 'E11',
    summary: 'Legacy cart migration',
    initiative: 'I1',
    status: 'done',
    ownership: { pm: 'pmDirect' },
    stories: [
      'Migrate saved baskets to the new cart service',
      'Dual-write cart events during the migration',
      'Decommission the legacy cart API',
      'Backfill abandoned-cart data',
    ],
    tasks: ['Archive the legacy cart database'],
  },
  {
    ref: 'E12',
    summary: 'Mobile app parity',
    initiative: 'I1',
    status: 'progress',
    ownership: { pm: 'pmAndPo' },
    stories: [],
  },
  {
    ref: 'E13',
    summary: 'Returns and refunds',
    initiative: 'I3',
    status: 'progress',
    ownership: { pm: 'pmViaGroup' },
    stories: [
      {
        summary: 'Start a return from the order page',
        subtasks: ['Returns eligibility rules', 'Return request form'],
      },
      'Print a prepaid return label',
      'Refund to the original payment method',
      'Show the refund status',
      'Return reasons report for buyers',
      { summary: 'Exchange for a different size', status: 'todo', ownership: { po: UNKNOWN_ACCOUNT_ID } },
      { summary: 'Returns policy page per country', status: 'todo', ownership: null },
    ],
    bugs: ['Refund email shows the wrong currency symbol'],
  },
  {
    ref: 'E14',
    summary: 'Site performance',
    initiative: 'I3',
    status: 'progress',
    ownership: { pm: 'pmDirect' },
    stories: [
      'Lazy-load product images below the fold',
      'Cache category pages at the edge',
      'Cut the checkout bundle below 200 KB',
      'Core Web Vitals monitoring',
      'Preload fonts on the home page',
      {
        summary: 'Sticky add-to-basket bar on mobile web',
        status: 'progress',
        ownership: { raw: { schema: 2, po: { accountId: 'sam', since: '2026-01-20' } } },
      },
    ],
    tasks: ['Upgrade the CDN configuration', 'Set up a performance budget in CI'],
  },
  {
    ref: 'E15',
    summary: 'Personalised recommendations',
    initiative: 'I2',
    status: 'progress',
    ownership: { pm: 'pmViaGroup' },
    stories: [
      'Recently viewed products carousel',
      'Recommended for you on the home page',
      'Frequently bought together on product pages',
      'Hide recommendations for customers who opted out',
    ],
  },
];

/** Stories of SHOP with no epic, and other loose SHOP issues. */
const LOOSE_SHOP: Array<{
  ref: string;
  kind: Kind;
  summary: string;
  status: StatusName;
  ownership: OwnershipPlan;
}> = [
  {
    ref: 'X.S1',
    kind: 'story',
    summary: 'Cookie consent banner refresh',
    status: 'todo',
    ownership: { po: 'poDirect' },
  },
  {
    ref: 'X.S2',
    kind: 'story',
    summary: 'Footer links audit',
    status: 'progress',
    ownership: { po: 'poDirect' },
  },
  {
    ref: 'X.T1',
    kind: 'task',
    summary: 'Upgrade Node.js on the build agents',
    status: 'done',
    ownership: null,
  },
];

interface MobPlan {
  ref: string;
  kind: Kind;
  summary: string;
  parent: string | null;
  status: StatusName;
  ownership: OwnershipPlan;
}

const MOB_ISSUES: MobPlan[] = [
  {
    ref: 'M.E1',
    kind: 'epic',
    summary: 'Offline basket',
    parent: null,
    status: 'progress',
    ownership: { pm: 'pmDirect' },
  },
  {
    ref: 'M.S1',
    kind: 'story',
    summary: 'Keep the basket when the app is offline',
    parent: 'M.E1',
    status: 'done',
    ownership: { po: 'poDirect' },
  },
  {
    ref: 'M.S2',
    kind: 'story',
    summary: 'Sync basket changes when back online',
    parent: 'M.E1',
    status: 'progress',
    ownership: { po: 'poDirect' },
  },
  {
    ref: 'M.S3',
    kind: 'story',
    summary: 'Show an offline banner',
    parent: 'M.E1',
    status: 'todo',
    ownership: { po: 'poViaGroup' },
  },
  {
    ref: 'M.S4',
    kind: 'story',
    summary: 'Guest checkout in the iOS app',
    parent: 'E12',
    status: 'progress',
    ownership: { po: 'poViaGroup' },
  },
  {
    ref: 'M.S5',
    kind: 'story',
    summary: 'Saved cards in the Android app',
    parent: 'E12',
    status: 'todo',
    ownership: { po: 'poDirect' },
  },
  {
    ref: 'M.S6',
    kind: 'story',
    summary: 'Order tracking push notifications',
    parent: 'E12',
    status: 'review',
    ownership: { po: 'poViaGroup' },
  },
  {
    ref: 'M.S7',
    kind: 'story',
    summary: 'Loyalty balance on the app home screen',
    parent: 'E12',
    status: 'todo',
    ownership: { po: 'poDirect' },
  },
  {
    ref: 'M.S8',
    kind: 'story',
    summary: 'Sign in with Face ID or fingerprint',
    parent: 'E12',
    status: 'done',
    ownership: { po: 'poViaGroup' },
  },
  {
    ref: 'M.S9',
    kind: 'story',
    summary: 'Open guest checkout from email links in the app',
    parent: 'E1',
    status: 'todo',
    ownership: { po: 'poDirect' },
  },
  {
    ref: 'M.B1',
    kind: 'bug',
    summary: 'App crashes when rotating on the payment screen',
    parent: 'M.E1',
    status: 'progress',
    ownership: null,
  },
  {
    ref: 'M.T1',
    kind: 'task',
    summary: 'Upgrade React Native to the latest release',
    parent: null,
    status: 'todo',
    ownership: null,
  },
];

/** TEAM's backlog: epics with stories, nobody owning anything yet (Role Split is not enabled there). */
const TEAM_EPICS: Array<{ ref: string; summary: string; status: StatusName; stories: string[] }> = [
  {
    ref: 'T.E1',
    summary: 'Sign-up in one step',
    status: 'progress',
    stories: [
      'Sign up with an email link instead of a password',
      'Ask for the name after the first order',
      'Show the benefits of an account beside the form',
    ],
  },
  {
    ref: 'T.E2',
    summary: 'First-week onboarding emails',
    status: 'todo',
    stories: ['Welcome email with three popular categories', 'Reminder for an abandoned first basket'],
  },
  {
    ref: 'T.E3',
    summary: 'Referral programme',
    status: 'todo',
    stories: [
      'Invite a friend from the account page',
      'Credit both people after the first order',
      'Referral terms page',
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Laying the plans out as issues

interface Draft {
  ref: string;
  projectId: string;
  kind: Kind;
  summary: string;
  parentRef: string | null;
  status: StatusName;
  ownership: OwnershipPlan;
  assignee: Handle | null;
  reporter: Handle;
  /** An issue security level; default: the demo's secured issues (SECURED_REFS), otherwise none. */
  securityLevelId?: string;
}

const ELIGIBLE_POS: Handle[] = ['poDirect', 'poViaGroup', 'pmAndPo'];
const DEVELOPERS: Handle[] = ['developer', 'developer2', 'developer3'];

function drawStoryStatus(random: SeededRandom, epicStatus: StatusName): StatusName {
  if (epicStatus === 'done') return 'done';
  const r = random.next();
  if (epicStatus === 'todo') return r < 0.8 ? 'todo' : 'progress';
  if (r < 0.35) return 'done';
  if (r < 0.55) return 'progress';
  if (r < 0.65) return 'review';
  return 'todo';
}

function shopDrafts(random: SeededRandom): Draft[] {
  const drafts: Draft[] = [];
  for (const initiative of INITIATIVES) {
    drafts.push({
      ref: initiative.ref,
      projectId: SHOP_ID,
      kind: 'initiative',
      summary: initiative.summary,
      parentRef: null,
      status: 'progress',
      ownership: { pm: initiative.pm },
      assignee: null,
      reporter: initiative.pm,
    });
  }
  let poTurn = 0;
  for (const epic of EPICS) {
    const epicPm = epic.ownership && 'pm' in epic.ownership ? epic.ownership.pm : undefined;
    drafts.push({
      ref: epic.ref,
      projectId: SHOP_ID,
      kind: 'epic',
      summary: epic.summary,
      parentRef: epic.initiative,
      status: epic.status,
      ownership: epic.ownership,
      assignee: null,
      reporter: 'pmDirect',
    });
    epic.stories.forEach((plan, index) => {
      const story: StoryPlan = typeof plan === 'string' ? { summary: plan } : plan;
      const ref = `${epic.ref}.S${index + 1}`;
      const status = story.status ?? drawStoryStatus(random, epic.status);
      let ownership = story.ownership;
      if (ownership === undefined) {
        // Default: an eligible PO other than the epic's PM (so no accidental SAME_PERSON_PM_AND_PO); a few
        // finished stories predate the app and have no owner.
        if (status === 'done' && random.chance(0.15)) ownership = null;
        else {
          let po = ELIGIBLE_POS[poTurn++ % ELIGIBLE_POS.length] ?? 'poDirect';
          if (po === epicPm) po = ELIGIBLE_POS[poTurn++ % ELIGIBLE_POS.length] ?? 'poDirect';
          ownership = { po };
        }
      }
      const assignee = status === 'todo' && random.chance(0.6) ? null : random.pick(DEVELOPERS);
      drafts.push({
        ref,
        projectId: SHOP_ID,
        kind: 'story',
        summary: story.summary,
        parentRef: epic.ref,
        status,
        ownership,
        assignee,
        reporter: 'poDirect',
      });
      (story.subtasks ?? []).forEach((summary, subIndex) => {
        drafts.push({
          ref: `${ref}.T${subIndex + 1}`,
          projectId: SHOP_ID,
          kind: 'subtask',
          summary,
          parentRef: ref,
          status: status === 'done' ? 'done' : random.pick<StatusName>(['todo', 'progress', 'done']),
          ownership: null,
          assignee: random.pick(DEVELOPERS),
          reporter: assignee ?? 'developer',
        });
      });
    });
    for (const [kind, list] of [
      ['task', epic.tasks ?? []],
      ['bug', epic.bugs ?? []],
    ] as const) {
      list.forEach((summary, index) => {
        drafts.push({
          ref: `${epic.ref}.${kind === 'task' ? 'K' : 'B'}${index + 1}`,
          projectId: SHOP_ID,
          kind,
          summary,
          parentRef: epic.ref,
          status: drawStoryStatus(random, epic.status),
          ownership: null,
          assignee: random.pick(DEVELOPERS),
          reporter: kind === 'bug' ? 'viewer' : 'developer',
        });
      });
    }
  }
  for (const loose of LOOSE_SHOP) {
    drafts.push({ ...loose, projectId: SHOP_ID, parentRef: null, assignee: null, reporter: 'poDirect' });
  }
  return drafts;
}

function mobDrafts(random: SeededRandom): Draft[] {
  return MOB_ISSUES.map((plan) => ({
    ref: plan.ref,
    projectId: MOB_ID,
    kind: plan.kind,
    summary: plan.summary,
    parentRef: plan.parent,
    status: plan.status,
    ownership: plan.ownership,
    assignee: plan.kind === 'epic' ? null : random.pick<Handle>(['outsider', 'developer2']),
    reporter: 'pmAndPo',
  }));
}

function teamDrafts(): Draft[] {
  const drafts: Draft[] = [];
  const members: Handle[] = ['developer', 'developer3'];
  for (const epic of TEAM_EPICS) {
    drafts.push({
      ref: epic.ref,
      projectId: TEAM_ID,
      kind: 'epic',
      summary: epic.summary,
      parentRef: null,
      status: epic.status,
      ownership: null,
      assignee: null,
      reporter: 'pmDirect',
    });
    epic.stories.forEach((summary, index) => {
      drafts.push({
        ref: `${epic.ref}.S${index + 1}`,
        projectId: TEAM_ID,
        kind: 'story',
        summary,
        parentRef: epic.ref,
        status: epic.status === 'progress' && index === 0 ? 'progress' : 'todo',
        ownership: null,
        assignee: members[index % members.length] ?? null,
        reporter: 'poDirect',
      });
    });
  }
  drafts.push({
    ref: 'T.K1',
    projectId: TEAM_ID,
    kind: 'task',
    summary: 'Set up the sign-up funnel dashboard',
    parentRef: null,
    status: 'todo',
    ownership: null,
    assignee: 'developer',
    reporter: 'pmDirect',
  });
  return drafts;
}

function isHandle(owner: Owner): owner is Handle {
  return Object.hasOwn(people, owner);
}

function accountOf(owner: Owner): string {
  return isHandle(owner) ? people[owner].accountId : owner;
}

function ownershipValue(plan: OwnershipPlan, setAt: number, setBy: string): unknown {
  if (plan === null || plan === undefined) return undefined;
  if ('raw' in plan) return plan.raw;
  const value: Record<string, unknown> = { schema: 1 };
  const at = new Date(setAt).toISOString();
  if (plan.pm !== undefined) value.pm = { accountId: accountOf(plan.pm), setBy, setAt: at };
  if (plan.po !== undefined) value.po = { accountId: accountOf(plan.po), setBy, setAt: at };
  return value;
}

/** Spread `count` creation times over [from, to], increasing with the position, with some jitter. */
function creationTimes(random: SeededRandom, count: number, from: number, to: number): number[] {
  const step = (to - from) / Math.max(1, count);
  return Array.from({ length: count }, (_, i) => Math.round(from + i * step + random.next() * step * 0.8));
}

function updatedTime(random: SeededRandom, created: number, status: StatusName, now: number): number {
  const day = 86_400_000;
  const spread =
    status === 'done' ? random.int(3, 40) : status === 'todo' ? random.int(0, 10) : random.int(1, 30);
  return Math.min(now, created + spread * day + random.int(0, day - 1));
}

/** Turns drafts into snapshot issues: keys per project in draft order, ids site-wide in creation order. */
/**
 * The owners a team kept in user pickers before Role Split (./custom-fields.ts), by issue summary, for
 * `role-split assign --from-field`: empty PO slots a backfill fills (Sam directly, Amara through her group), a
 * held slot it leaves alone unless told to overwrite, a developer it refuses, an epic (wrong level for a PO),
 * and a multi-user "Stakeholders" value with two people (refused) and one with a single person.
 */
const CUSTOM_FIELD_VALUES: Record<string, Record<string, Handle | Handle[]>> = {
  'Birthday bonus points': { [CUSTOM_FIELDS.legacyProductOwner.id]: 'poDirect' },
  'Synonyms for common product names': {
    [CUSTOM_FIELDS.legacyProductOwner.id]: 'poViaGroup',
    [CUSTOM_FIELDS.stakeholders.id]: ['pmDirect', 'poDirect'],
  },
  'Returns policy page per country': { [CUSTOM_FIELDS.legacyProductOwner.id]: 'developer' },
  'Check out without creating an account': {
    [CUSTOM_FIELDS.legacyProductOwner.id]: 'pmAndPo',
    [CUSTOM_FIELDS.stakeholders.id]: ['poViaGroup'],
  },
  'Guest checkout': { [CUSTOM_FIELDS.legacyProductOwner.id]: 'poDirect' },
};

function customFieldsOf(summary: string): Record<string, string | string[]> | undefined {
  const values = CUSTOM_FIELD_VALUES[summary];
  if (values === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(values).map(([id, v]) => [
      id,
      Array.isArray(v) ? v.map((h) => people[h].accountId) : people[v].accountId,
    ]),
  );
}

function materialise(
  random: SeededRandom,
  projects: SiteSnapshot['projects'],
  perProject: Array<{ drafts: Draft[]; from: number; to: number }>,
  now: number,
  firstIssueId = 10001,
): { issues: SnapshotIssue[]; keyOfRef: Map<string, string>; nextIssueId: number } {
  const placed: Array<{ draft: Draft; key: string; created: number }> = [];
  for (const { drafts, from, to } of perProject) {
    const times = creationTimes(random, drafts.length, from, to);
    drafts.forEach((draft, i) => {
      const project = projects.find((p) => p.id === draft.projectId);
      if (!project) throw new Error(`no project ${draft.projectId}`);
      placed.push({ draft, key: `${project.key}-${project.nextNumber++}`, created: times[i] ?? from });
    });
  }
  placed.sort((a, b) => a.created - b.created);
  const idOfRef = new Map<string, string>();
  const keyOfRef = new Map<string, string>();
  let nextIssueId = firstIssueId;
  for (const p of placed) {
    idOfRef.set(p.draft.ref, String(nextIssueId++));
    keyOfRef.set(p.draft.ref, p.key);
  }
  const draftOfRef = new Map(placed.map((p) => [p.draft.ref, p.draft]));
  const issues = placed.map(({ draft, key, created }): SnapshotIssue => {
    const parentId = draft.parentRef === null ? null : (idOfRef.get(draft.parentRef) ?? null);
    // Who set the owner: the epic's PM assigns story owners; the site admin assigns epic owners.
    const parentDraft = draft.parentRef === null ? undefined : draftOfRef.get(draft.parentRef);
    const parentPm =
      parentDraft?.ownership && 'pm' in parentDraft.ownership && parentDraft.ownership.pm !== undefined
        ? accountOf(parentDraft.ownership.pm)
        : undefined;
    const setBy = draft.kind === 'story' && parentPm !== undefined ? parentPm : people.admin.accountId;
    const ownership = ownershipValue(draft.ownership, created + 86_400_000, setBy);
    return {
      id: idOfRef.get(draft.ref) ?? '0',
      key,
      projectId: draft.projectId,
      issueTypeId: TYPE_OF[draft.kind],
      statusId: STATUS_OF[draft.status],
      summary: draft.summary,
      created: new Date(created).toISOString(),
      updated: new Date(updatedTime(random, created, draft.status, now)).toISOString(),
      parentId,
      assigneeId: draft.assignee === null ? null : people[draft.assignee].accountId,
      reporterId: people[draft.reporter].accountId,
      securityLevelId: draft.securityLevelId ?? SECURED_REFS[draft.ref] ?? null,
      properties: ownership === undefined ? {} : { [OWNERSHIP_PROPERTY_KEY]: ownership },
      ...(customFieldsOf(draft.summary) === undefined ? {} : { customFields: customFieldsOf(draft.summary) }),
    };
  });
  return { issues, keyOfRef, nextIssueId };
}

function buildDemo(): { snapshot: SiteSnapshot; keyOfRef: Map<string, string> } {
  const random = seededRandom(20260227);
  const base = baseSnapshot();
  const { issues, keyOfRef, nextIssueId } = materialise(
    random,
    base.projects,
    [
      {
        drafts: shopDrafts(random),
        from: Date.parse('2025-06-02T09:00:00Z'),
        to: Date.parse('2026-02-20T17:00:00Z'),
      },
      {
        drafts: mobDrafts(random),
        from: Date.parse('2025-09-15T09:00:00Z'),
        to: Date.parse('2026-02-18T17:00:00Z'),
      },
    ],
    DEMO_NOW,
  );
  // TEAM's issues come after every SHOP and MOB issue (created later, ids after theirs), with a random stream
  // of their own, so adding them changed nothing of the other projects' issues.
  const team = materialise(
    seededRandom(20261130),
    base.projects,
    [
      {
        drafts: teamDrafts(),
        from: Date.parse('2026-02-21T09:00:00Z'),
        to: Date.parse('2026-02-26T17:00:00Z'),
      },
    ],
    DEMO_NOW,
    nextIssueId,
  );
  for (const [ref, key] of team.keyOfRef) keyOfRef.set(ref, key);
  return {
    snapshot: { ...base, issues: [...issues, ...team.issues], nextIssueId: team.nextIssueId },
    keyOfRef,
  };
}

/** The demo site as a fresh snapshot (a new object every call: callers may mutate it). */
export function buildDemoSnapshot(): SiteSnapshot {
  return buildDemo().snapshot;
}

function demoKeys(): { gapExamples: Record<GapCode, string[]>; keyOf: (ref: string) => string } {
  const { keyOfRef } = buildDemo();
  const keyOf = (ref: string): string => {
    const key = keyOfRef.get(ref);
    if (key === undefined) throw new Error(`demo data has no issue ${ref}`);
    return key;
  };
  const gapExamples = Object.fromEntries(
    Object.entries(GAP_REFS).map(([code, refs]) => [code, refs.map(keyOf)]),
  ) as Record<GapCode, string[]>;
  return { gapExamples, keyOf };
}

const keys = demoKeys();

// ---------------------------------------------------------------------------------------------------------
// A large generated project for benchmarks

/**
 * The demo's people, groups, roles and projects with `issueCount` generated SHOP issues (initiatives, epics,
 * stories, tasks, bugs, sub-tasks; owners mostly set, with every kind of gap sprinkled in) plus one MOB story
 * per 100 SHOP issues under SHOP epics. Deterministic for a given count.
 */
/** Owners of a generated project beyond the demo's people: role actors, and a few who hold a role only by group. */
const BENCH_OWNERS = { pmDirect: 16, poDirect: 16, pmByGroup: 4, poByGroup: 4 } as const;
const BENCH_FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Carmen',
  'Dmitri',
  'Elif',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
];
const BENCH_LAST_NAMES = ['Abbott', 'Barros', 'Castillo', 'Dubois', 'Eze', 'Fischer', 'Gupta', 'Haddad'];

interface BenchOwners {
  users: SiteSnapshot['users'];
  pms: AccountIdText[];
  pos: AccountIdText[];
}

function benchOwners(): BenchOwners {
  const users: SiteSnapshot['users'] = [];
  const pms: AccountIdText[] = [];
  const pos: AccountIdText[] = [];
  const add = (kind: keyof typeof BENCH_OWNERS, groups: string[], into: AccountIdText[]) => {
    for (let n = 0; n < BENCH_OWNERS[kind]; n++) {
      const i = users.length;
      const accountId: AccountIdText = `712020:${stableUuid(`role-split-bench-owner:${kind}:${n}`)}`;
      const first = BENCH_FIRST_NAMES[i % BENCH_FIRST_NAMES.length] ?? 'Sam';
      const last =
        BENCH_LAST_NAMES[Math.floor(i / BENCH_FIRST_NAMES.length) % BENCH_LAST_NAMES.length] ?? 'Lee';
      users.push({
        accountId,
        accountType: 'atlassian',
        displayName: `${first} ${last}`,
        email: `${kind.toLowerCase()}${n}@storefront.example`,
        apiToken: null,
        active: true,
        timeZone: 'UTC',
        locale: 'en_US',
        groups: [GROUPS.users, ...groups],
      });
      into.push(accountId);
    }
  };
  add('pmDirect', [], pms);
  add('poDirect', [], pos);
  add('pmByGroup', [GROUPS.productManagers], pms);
  add('poByGroup', [GROUPS.productOwners], pos);
  return { users, pms, pos };
}

/**
 * A large SHOP for scale tests and `npm run bench`, realistic for a project scan: about a third of the issues
 * done, sub-tasks, a few issues secured at "Product leadership" (the app is in that level, so it still reads
 * every issue), initiatives and epics with and without children, and some 45 distinct owners, eight of whom
 * hold their role only through a group. Deterministic for a given size. `describeGeneratedProject` counts what
 * it holds (the figures a scan's request budget needs).
 */
export function generateLargeProject(issueCount: number): SiteSnapshot {
  if (!Number.isInteger(issueCount) || issueCount < 1)
    throw new RangeError('issueCount must be a positive integer');
  const random = seededRandom(issueCount * 7919 + 17);
  const base = baseSnapshot();
  const owners = benchOwners();
  const shop = base.projects.find((p) => p.id === SHOP_ID);
  const directPms = owners.pms.slice(0, BENCH_OWNERS.pmDirect);
  const directPos = owners.pos.slice(0, BENCH_OWNERS.poDirect);
  for (const role of shop?.roles ?? []) {
    if (role.id === ROLE_IDS.productManager)
      role.actors.push(...directPms.map((accountId) => ({ type: 'user' as const, accountId })));
    if (role.id === ROLE_IDS.productOwner)
      role.actors.push(...directPos.map((accountId) => ({ type: 'user' as const, accountId })));
  }
  const eligiblePms: Owner[] = ['pmDirect', 'pmViaGroup', 'pmAndPo', ...owners.pms];
  const eligiblePos: Owner[] = [...ELIGIBLE_POS, ...owners.pos];
  const drafts: Draft[] = [];
  let initiative: string | null = null;
  let epic: { ref: string; pm: Owner | undefined } | null = null;
  const epicRefs: string[] = [];
  let story: string | null = null;
  for (let i = 0; i < issueCount; i++) {
    const ref = `G${i}`;
    const status = random.pick<StatusName>(['todo', 'todo', 'progress', 'review', 'done', 'done']);
    const assignee = random.chance(0.7) ? random.pick(DEVELOPERS) : null;
    const common = { ref, projectId: SHOP_ID, status, assignee, reporter: 'poDirect' as Handle };
    if (i % 500 === 0) {
      initiative = ref;
      drafts.push({
        ...common,
        kind: 'initiative',
        summary: `Initiative ${i / 500 + 1}`,
        parentRef: null,
        ownership: { pm: random.pick(eligiblePms) },
      });
      continue;
    }
    if (i % 25 === 1 || epic === null) {
      const r = random.next();
      let ownership: OwnershipPlan;
      if (r < 0.8) ownership = { pm: random.pick(eligiblePms) };
      else if (r < 0.85) ownership = { pm: 'pmDeactivated' };
      else if (r < 0.9) ownership = null;
      else if (r < 0.93) ownership = { po: 'poDirect' };
      else if (r < 0.95) ownership = { raw: { schema: 1, pm: 'someone' } };
      else ownership = { pm: 'developer' };
      const pm = ownership && 'pm' in ownership ? ownership.pm : undefined;
      // About one epic in eight gets no children: the next issues stay under the epic before it.
      const childless = epic !== null && random.chance(0.12);
      if (!childless) epic = { ref, pm };
      epicRefs.push(ref);
      drafts.push({
        ...common,
        kind: 'epic',
        summary: `Epic ${epicRefs.length}`,
        parentRef: initiative,
        ownership,
        ...(random.chance(0.02) ? { securityLevelId: SECURITY.leadership } : {}),
      });
      continue;
    }
    if (epic === null) throw new Error('unreachable: an epic precedes every other issue');
    const r = random.next();
    if (r < 0.7 || story === null) {
      const o = random.next();
      let ownership: OwnershipPlan;
      if (o < 0.82) {
        let po = random.pick(eligiblePos);
        if (po === epic.pm) po = 'poDirect';
        ownership = { po };
      } else if (o < 0.9) ownership = null;
      else if (o < 0.93) ownership = { po: 'developer2' };
      else if (o < 0.95) ownership = { raw: 'not an ownership record' };
      else if (o < 0.97 && epic.pm !== undefined) ownership = { po: epic.pm };
      else ownership = { pm: 'pmDirect', po: 'poViaGroup' };
      story = ref;
      const parentRef = random.chance(0.03) ? null : epic.ref;
      drafts.push({
        ...common,
        kind: 'story',
        summary: `Story ${i}`,
        parentRef,
        ownership,
        ...(random.chance(0.004) ? { securityLevelId: SECURITY.leadership } : {}),
      });
    } else if (r < 0.8) {
      drafts.push({ ...common, kind: 'task', summary: `Task ${i}`, parentRef: epic.ref, ownership: null });
    } else if (r < 0.9) {
      drafts.push({ ...common, kind: 'bug', summary: `Bug ${i}`, parentRef: epic.ref, ownership: null });
    } else {
      drafts.push({
        ...common,
        kind: 'subtask',
        summary: `Sub-task ${i}`,
        parentRef: story,
        ownership: null,
      });
    }
  }
  const mob: Draft[] = [];
  for (let i = 0; i < Math.floor(issueCount / 100); i++) {
    mob.push({
      ref: `GM${i}`,
      projectId: MOB_ID,
      kind: 'story',
      summary: `Mobile story ${i + 1}`,
      parentRef: epicRefs.length > 0 ? random.pick(epicRefs) : null,
      status: random.pick<StatusName>(['todo', 'progress', 'done']),
      ownership: { po: random.pick<Handle>(['poDirect', 'poViaGroup']) },
      assignee: 'outsider',
      reporter: 'pmAndPo',
    });
  }
  const { issues, nextIssueId } = materialise(
    random,
    base.projects,
    [
      { drafts, from: Date.parse('2024-03-01T09:00:00Z'), to: Date.parse('2026-02-20T17:00:00Z') },
      { drafts: mob, from: Date.parse('2025-01-06T09:00:00Z'), to: Date.parse('2026-02-18T17:00:00Z') },
    ],
    DEMO_NOW,
  );
  return { ...base, users: [...base.users, ...owners.users], issues, nextIssueId };
}

/** What a generated (or any) snapshot holds in one project, by the measures a project scan's budget uses. */
export interface GeneratedProjectFacts {
  issues: number;
  done: number;
  subtasks: number;
  secured: number;
  /** Strategy issues (hierarchy level >= 1), and the open ones. */
  strategy: number;
  openStrategy: number;
  /** Open strategy issues with no child at all, in any project. */
  openStrategyWithoutChildren: number;
  /**
   * Open strategy issues with no open Story directly under them in this project: those a default scan (Story in
   * scope, done issues left out) reads no child of, so it must look their children up (the budget's E).
   */
  openStrategyWithoutOpenStoryInProject: number;
  /** Distinct account ids in the ownership property, and those that hold a role only through a group. */
  distinctOwners: number;
  groupOnlyOwners: number;
}

export function describeGeneratedProject(snapshot: SiteSnapshot, projectId = SHOP_ID): GeneratedProjectFacts {
  const levelOf = (typeId: string) => ISSUE_TYPES.find((t) => t.id === typeId)?.hierarchyLevel ?? 0;
  const project = snapshot.issues.filter((i) => i.projectId === projectId);
  const isDone = (statusId: string) => statusId === STATUS_IDS.done;
  const withChildren = new Set(snapshot.issues.map((i) => i.parentId));
  const withOpenStory = new Set(
    project
      .filter((i) => i.issueTypeId === ISSUE_TYPE_IDS.story && !isDone(i.statusId))
      .map((i) => i.parentId),
  );
  const strategy = project.filter((i) => levelOf(i.issueTypeId) >= 1);
  const openStrategy = strategy.filter((i) => !isDone(i.statusId));
  const owners = new Set<string>();
  for (const issue of project) {
    const value = issue.properties[OWNERSHIP_PROPERTY_KEY];
    if (value === null || typeof value !== 'object') continue;
    for (const slot of ['pm', 'po'] as const) {
      const entry = (value as Record<string, unknown>)[slot];
      const accountId =
        entry !== null && typeof entry === 'object'
          ? (entry as Record<string, unknown>).accountId
          : undefined;
      if (typeof accountId === 'string') owners.add(accountId);
    }
  }
  const projectRoles = snapshot.projects.find((p) => p.id === projectId)?.roles ?? [];
  const directActors = new Set(
    projectRoles.flatMap((r) => r.actors.flatMap((a) => (a.type === 'user' ? [a.accountId] : []))),
  );
  const roleGroups = new Set(
    projectRoles.flatMap((r) => r.actors.flatMap((a) => (a.type === 'group' ? [a.groupName] : []))),
  );
  const groupOnly = [...owners].filter((accountId) => {
    const user = snapshot.users.find((u) => u.accountId === accountId);
    return !directActors.has(accountId) && (user?.groups.some((g) => roleGroups.has(g)) ?? false);
  });
  return {
    issues: project.length,
    done: project.filter((i) => isDone(i.statusId)).length,
    subtasks: project.filter((i) => levelOf(i.issueTypeId) === -1).length,
    secured: project.filter((i) => i.securityLevelId !== null).length,
    strategy: strategy.length,
    openStrategy: openStrategy.length,
    openStrategyWithoutChildren: openStrategy.filter((i) => !withChildren.has(i.id)).length,
    openStrategyWithoutOpenStoryInProject: openStrategy.filter((i) => !withOpenStory.has(i.id)).length,
    distinctOwners: owners.size,
    groupOnlyOwners: groupOnly.length,
  };
}

// ---------------------------------------------------------------------------------------------------------

const users: DemoUser[] = Object.values(people);

/** What tests, the CLI and the host need to know about the demo site. */
export const DEMO = {
  projectKey: 'SHOP',
  projectId: SHOP_ID,
  projectName: 'Storefront',
  otherProjectKey: 'MOB',
  otherProjectId: MOB_ID,
  otherProjectName: 'Mobile',
  /** A team-managed project (style next-gen): roles Administrator, Member, Viewer only; Role Split not enabled. */
  teamProject: {
    key: 'TEAM',
    id: TEAM_ID,
    name: 'Growth squad',
    roleNames: ['Administrator', 'Member', 'Viewer', 'atlassian-addons-project-access'],
    epic: keys.keyOf('T.E1'),
    story: keys.keyOf('T.E1.S1'),
  },
  propertyKey: OWNERSHIP_PROPERTY_KEY,
  /** The project property whose `enabled` turns Role Split on for a project (both demo projects: true). */
  policyPropertyKey: POLICY_PROPERTY_KEY,
  roleNames: { pm: 'Product Manager', po: 'Product Owner' },
  roleIds: ROLE_IDS,
  groups: GROUPS,
  /** Every demo person (not the app), with credentials for Basic auth. */
  users,
  people,
  adminUser: people.admin,
  /** The Forge app's own account (`X-Sandbox-As: app`). */
  appUser: { accountId: APP_ACCOUNT_ID, displayName: 'Role Split' },
  /** An account id that appears in a property but that the site does not know. */
  unknownAccountId: UNKNOWN_ACCOUNT_ID,
  /** Issue keys that carry each gap on purpose (see the comment at the top of this file). */
  gapExamples: keys.gapExamples,
  /** Keys of some notable issues. */
  issues: {
    initiative: keys.keyOf('I1'),
    /** Epic "Guest checkout": PM Priya, stories with POs, sub-tasks, tasks and a bug. */
    coveredEpic: keys.keyOf('E1'),
    /** Story "Check out without creating an account" under the covered epic, with sub-tasks. */
    coveredStory: keys.keyOf('E1.S1'),
    /** Epic "Mobile app parity": its stories live in MOB only. */
    epicWithStoriesElsewhere: keys.keyOf('E12'),
    /** Epic "Legacy cart migration", Done. */
    doneEpic: keys.keyOf('E11'),
    /** A MOB story whose epic is in SHOP. */
    crossProjectStory: keys.keyOf('M.S4'),
  },
  /**
   * Story "Track split shipments separately" (PO Chen Wei, the SAME_PERSON_PM_AND_PO example), in status
   * Approved, whose workflow property `jira.permission.edit.denied` takes Edit Issues away on it from everyone
   * (people, Jira admins, the app): `GET /mypermissions?issueId=` and `POST /permissions/check` leave it out,
   * `PUT …/properties/{key}` answers 403, and in `POST /issue/properties/multi` it fails inside the task. The
   * project's grant is unchanged; moved out of Approved, the story is editable again.
   */
  editDeniedStoryKey: keys.keyOf(EDIT_DENIED_REF),
  /** The status that denies Edit Issues (`STATUS_IDS.approved` in ./catalog.ts). */
  editDeniedStatus: { id: STATUS_IDS.approved, name: statusById(STATUS_IDS.approved)?.name ?? 'Approved' },
  /** Issue security: SHOP's scheme, its levels, and the issues secured on purpose. */
  security: {
    schemeId: SECURITY.schemeId,
    levels: { leadership: SECURITY.leadership, securityTeam: SECURITY.securityTeam },
    /** Epic "Personalised recommendations" (Product leadership): Vera and the developers cannot see it. */
    securedEpic: keys.keyOf('E15'),
    /** A story of that epic everyone in SHOP sees (its parent hidden from those outside the level). */
    storyUnderSecuredEpic: keys.keyOf('E15.S1'),
    /** Story "Hide recommendations for customers who opted out", secured like its epic. */
    securedStory: keys.keyOf('E15.S4'),
    /** Task "PCI scope review for the card vault" (Security team): the app is not in that level. */
    securedTask: keys.keyOf('E2.K1'),
  },
  /** The demo's "today": every seeded date lies before it. */
  now: new Date(DEMO_NOW).toISOString(),
  /** The user-picker custom fields some issues carry values in (see CUSTOM_FIELD_VALUES). */
  customFields: CUSTOM_FIELDS,
};
