// The embedded site's live data, held in Maps keyed by id and key so a 50,000-issue project serves fast.
// Every mutation goes through a method here: it keeps the indexes right, notifies the issue event hook (the
// Forge host turns those into product events) and tells the persistence layer that something changed.
// Tests and the host may read and mutate it directly (`RunningSite.state`).
import type {
  OutboxMessage,
  RoleActor,
  SiteGroup,
  SiteIssue,
  SiteProject,
  SiteSecurityLevel,
  SitePlan,
  SiteSecurityScheme,
  SiteSnapshot,
  SiteUser,
} from './model';
import { SNAPSHOT_FORMAT } from './model';
import type { ChangeRecorder } from './search-lag';
import { ISSUE_TYPES, issueTypeById, STATUSES, statusById, type IssueType, type Status } from './catalog';

export type IssueEventType = 'created' | 'updated' | 'deleted';

export interface IssueEvent {
  type: IssueEventType;
  /** The issue as Jira would return it from GET issue (all fields, all properties). */
  issue: unknown;
  /** Who made the change (an account id; the app's own account for app calls). */
  actorAccountId: string | null;
  /** What changed: field ids, or `property:<key>` for entity properties. */
  changed: string[];
}

export type IssueEventListener = (event: IssueEvent) => void;

/** Renders an issue as Jira JSON for event payloads; set by the server (it knows the base URL). */
export type IssueRenderer = (issue: SiteIssue) => unknown;

export interface NewIssue {
  projectId: string;
  issueTypeId: string;
  summary: string;
  parentId: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  statusId?: string;
  /** Entity properties set with the creation (Jira's `properties` on create). */
  properties?: Map<string, unknown>;
  /** An issue security level of the project's scheme; default none. */
  securityLevelId?: string | null;
}

export class SiteState {
  readonly users = new Map<string, SiteUser>();
  readonly groups = new Map<string, SiteGroup>();
  readonly projects = new Map<string, SiteProject>();
  readonly issues = new Map<string, SiteIssue>();
  /** Issue security schemes by id. */
  readonly securitySchemes = new Map<string, SiteSecurityScheme>();
  /** Global permission key -> group names. */
  globalPermissions: Record<string, string[]> = {};
  outbox: OutboxMessage[] = [];
  /** Outgoing mail (Jira's System › Outgoing mail): off, notify answers 403 as Jira does. Not persisted. */
  outgoingMail = true;
  appAccountId = '';
  /** The site's Jira plan (the sandbox menu's switch; see ./plan.ts). */
  plan: SitePlan = 'standard';

  private readonly projectsByKey = new Map<string, SiteProject>();
  private readonly issuesByKey = new Map<string, SiteIssue>();
  private readonly usersByEmail = new Map<string, SiteUser>();
  private readonly securityLevels = new Map<string, SiteSecurityLevel>();
  private nextIssueId = 10001;
  private readonly issueListeners = new Set<IssueEventListener>();
  private readonly changeListeners = new Set<() => void>();
  private renderer: IssueRenderer = (issue) => ({ id: issue.id, key: issue.key });
  private recorder: ChangeRecorder | null = null;

  constructor(
    snapshot: SiteSnapshot,
    private readonly now: () => number = Date.now,
  ) {
    this.load(snapshot);
  }

  // -------------------------------------------------------------------------------------------------------
  // Snapshot in / out

  /**
   * Replaces everything with the snapshot's data (listeners stay subscribed). Property values are taken over,
   * not copied: pass a snapshot nobody else mutates.
   */
  load(snapshot: SiteSnapshot): void {
    this.recorder?.clear();
    this.users.clear();
    this.groups.clear();
    this.projects.clear();
    this.issues.clear();
    this.projectsByKey.clear();
    this.issuesByKey.clear();
    this.usersByEmail.clear();
    this.securitySchemes.clear();
    this.securityLevels.clear();
    for (const scheme of snapshot.issueSecuritySchemes) {
      const copy: SiteSecurityScheme = structuredClone(scheme);
      this.securitySchemes.set(copy.id, copy);
      for (const level of copy.levels) this.securityLevels.set(level.id, level);
    }
    this.appAccountId = snapshot.appAccountId;
    this.plan = snapshot.plan;
    this.globalPermissions = structuredClone(snapshot.globalPermissions);
    for (const u of snapshot.users) {
      const copy: SiteUser = { ...u, groups: [...u.groups] };
      this.users.set(u.accountId, copy);
      if (u.email !== null) this.usersByEmail.set(u.email.toLowerCase(), copy);
    }
    for (const g of snapshot.groups) this.groups.set(g.name, { ...g });
    for (const p of snapshot.projects) {
      const { properties, ...rest } = structuredClone(p);
      const copy: SiteProject = { ...rest, properties: new Map(Object.entries(properties)) };
      this.projects.set(p.id, copy);
      this.projectsByKey.set(p.key.toUpperCase(), copy);
    }
    for (const i of snapshot.issues) {
      const issue: SiteIssue = {
        id: i.id,
        key: i.key,
        projectId: i.projectId,
        number: issueNumber(i.key),
        issueTypeId: i.issueTypeId,
        statusId: i.statusId,
        summary: i.summary,
        created: Date.parse(i.created),
        updated: Date.parse(i.updated),
        parentId: i.parentId,
        assigneeId: i.assigneeId,
        reporterId: i.reporterId,
        securityLevelId: i.securityLevelId,
        // Taken over, not copied (50,000 clones would slow every start): snapshots come fresh from the seed
        // builders or from JSON.parse.
        properties: new Map(Object.entries(i.properties)),
      };
      if (i.customFields !== undefined) issue.customFields = structuredClone(i.customFields);
      this.issues.set(issue.id, issue);
      this.issuesByKey.set(issue.key.toUpperCase(), issue);
    }
    this.nextIssueId = snapshot.nextIssueId;
    this.outbox = structuredClone(snapshot.outbox);
  }

  /** The persisted form. Property values are shared with the live state: serialize it, do not mutate it. */
  toSnapshot(): SiteSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      version: 1,
      appAccountId: this.appAccountId,
      plan: this.plan,
      users: [...this.users.values()].map((u) => ({ ...u, groups: [...u.groups] })),
      groups: [...this.groups.values()].map((g) => ({ ...g })),
      globalPermissions: structuredClone(this.globalPermissions),
      projects: [...this.projects.values()].map((p) => ({
        ...structuredClone({ ...p, properties: undefined }),
        properties: Object.fromEntries(p.properties),
      })),
      issueSecuritySchemes: [...this.securitySchemes.values()].map((s) => structuredClone(s)),
      issues: [...this.issues.values()].map((i) => ({
        id: i.id,
        key: i.key,
        projectId: i.projectId,
        issueTypeId: i.issueTypeId,
        statusId: i.statusId,
        summary: i.summary,
        created: new Date(i.created).toISOString(),
        updated: new Date(i.updated).toISOString(),
        parentId: i.parentId,
        assigneeId: i.assigneeId,
        reporterId: i.reporterId,
        securityLevelId: i.securityLevelId,
        properties: Object.fromEntries(i.properties),
        ...(i.customFields === undefined ? {} : { customFields: structuredClone(i.customFields) }),
      })),
      nextIssueId: this.nextIssueId,
      outbox: structuredClone(this.outbox),
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Hooks

  /** Subscribes to issue events (created / updated / deleted). Returns the unsubscribe function. */
  onIssueEvent(listener: IssueEventListener): () => void {
    this.issueListeners.add(listener);
    return () => this.issueListeners.delete(listener);
  }

  /** Subscribes to "something changed" (used for persistence). Returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  setIssueRenderer(renderer: IssueRenderer): void {
    this.renderer = renderer;
  }

  /** Told the issue as it was before each change (the lagging search index keeps older versions). */
  setChangeRecorder(recorder: ChangeRecorder): void {
    this.recorder = recorder;
  }

  private beforeChange(issueId: string, before: SiteIssue | null): void {
    this.recorder?.record(issueId, before);
  }

  /** Call after changing users, groups or roles directly, so the change is persisted. */
  markChanged(): void {
    for (const listener of this.changeListeners) listener();
  }

  private emit(
    type: IssueEventType,
    issue: SiteIssue,
    actorAccountId: string | null,
    changed: string[],
  ): void {
    this.markChanged();
    if (this.issueListeners.size === 0) return;
    const event: IssueEvent = { type, issue: this.renderer(issue), actorAccountId, changed };
    for (const listener of this.issueListeners) {
      try {
        listener(event);
      } catch (error) {
        // A failing subscriber (the host's trigger runner) must not fail the REST call that caused the event.
        console.error('[sandbox site] issue event listener failed:', error);
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Lookups

  getUser(accountId: string): SiteUser | undefined {
    return this.users.get(accountId);
  }

  findUserByEmail(email: string): SiteUser | undefined {
    return this.usersByEmail.get(email.toLowerCase());
  }

  /** By id, or by key in any letter case (as Jira accepts). */
  getProject(idOrKey: string): SiteProject | undefined {
    return this.projects.get(idOrKey) ?? this.projectsByKey.get(idOrKey.toUpperCase());
  }

  /** By id, or by key in any letter case. */
  getIssue(idOrKey: string): SiteIssue | undefined {
    return this.issues.get(idOrKey) ?? this.issuesByKey.get(idOrKey.toUpperCase());
  }

  /** An issue security level by id (levels are site-wide unique). */
  securityLevel(id: string): SiteSecurityLevel | undefined {
    return this.securityLevels.get(id);
  }

  /** The levels an issue of this project may be given: those of the project's scheme. */
  securityLevelsOf(project: SiteProject): SiteSecurityLevel[] {
    const scheme =
      project.issueSecuritySchemeId === null
        ? undefined
        : this.securitySchemes.get(project.issueSecuritySchemeId);
    return scheme?.levels ?? [];
  }

  issueType(id: string): IssueType {
    const type = issueTypeById(id);
    if (!type) throw new Error(`unknown issue type ${id}`);
    return type;
  }

  status(id: string): Status {
    const status = statusById(id);
    if (!status) throw new Error(`unknown status ${id}`);
    return status;
  }

  issueTypesOf(project: SiteProject): IssueType[] {
    return ISSUE_TYPES.filter((t) => project.issueTypeIds.includes(t.id));
  }

  get statuses(): readonly Status[] {
    return STATUSES;
  }

  /** Groups the user belongs to (by name), existing groups only. */
  groupsOf(user: SiteUser): SiteGroup[] {
    return user.groups.flatMap((name) => {
      const g = this.groups.get(name);
      return g ? [g] : [];
    });
  }

  membersOf(groupName: string): SiteUser[] {
    return [...this.users.values()].filter((u) => u.groups.includes(groupName));
  }

  // -------------------------------------------------------------------------------------------------------
  // Issue mutations

  createIssue(input: NewIssue, actorAccountId: string | null): SiteIssue {
    const project = this.projects.get(input.projectId);
    if (!project) throw new Error(`unknown project ${input.projectId}`);
    const now = this.now();
    const number = project.nextNumber++;
    const id = String(this.nextIssueId++);
    this.beforeChange(id, null);
    const issue: SiteIssue = {
      id,
      key: `${project.key}-${number}`,
      projectId: project.id,
      number,
      issueTypeId: input.issueTypeId,
      statusId: input.statusId ?? STATUSES[0]?.id ?? '10000',
      summary: input.summary,
      created: now,
      updated: now,
      parentId: input.parentId,
      assigneeId: input.assigneeId,
      reporterId: input.reporterId,
      securityLevelId: input.securityLevelId ?? null,
      properties: new Map(input.properties ?? []),
    };
    this.issues.set(issue.id, issue);
    this.issuesByKey.set(issue.key.toUpperCase(), issue);
    this.emit('created', issue, actorAccountId, []);
    return issue;
  }

  updateIssue(
    issue: SiteIssue,
    changes: { summary?: string; parentId?: string | null; assigneeId?: string | null },
    actorAccountId: string | null,
  ): void {
    const changed: string[] = [];
    this.beforeChange(issue.id, issue);
    if (changes.summary !== undefined && changes.summary !== issue.summary) {
      issue.summary = changes.summary;
      changed.push('summary');
    }
    if (changes.parentId !== undefined && changes.parentId !== issue.parentId) {
      issue.parentId = changes.parentId;
      changed.push('parent');
    }
    if (changes.assigneeId !== undefined && changes.assigneeId !== issue.assigneeId) {
      issue.assigneeId = changes.assigneeId;
      changed.push('assignee');
    }
    if (changed.length === 0) return;
    issue.updated = this.now();
    this.emit('updated', issue, actorAccountId, changed);
  }

  /** Secures the issue with a level of its project's scheme, or (null) makes it visible to all who browse. */
  setIssueSecurityLevel(issue: SiteIssue, levelId: string | null, actorAccountId: string | null): void {
    if (levelId !== null) {
      const project = this.projects.get(issue.projectId);
      if (!project || !this.securityLevelsOf(project).some((l) => l.id === levelId))
        throw new Error(`level ${levelId} is not in the security scheme of ${issue.key}'s project`);
    }
    if (issue.securityLevelId === levelId) return;
    this.beforeChange(issue.id, issue);
    issue.securityLevelId = levelId;
    issue.updated = this.now();
    this.emit('updated', issue, actorAccountId, ['security']);
  }

  transitionIssue(issue: SiteIssue, statusId: string, actorAccountId: string | null): void {
    if (issue.statusId === statusId) return;
    this.beforeChange(issue.id, issue);
    issue.statusId = statusId;
    issue.updated = this.now();
    this.emit('updated', issue, actorAccountId, ['status']);
  }

  /** Deletes the issue and its sub-tasks; other children lose their parent (as Jira does). */
  deleteIssue(issue: SiteIssue, actorAccountId: string | null): void {
    const doomed = [
      issue,
      ...[...this.issues.values()].filter(
        (i) => i.parentId === issue.id && this.issueType(i.issueTypeId).subtask,
      ),
    ];
    for (const victim of doomed) {
      const rendered = this.renderer(victim);
      this.beforeChange(victim.id, victim);
      this.issues.delete(victim.id);
      this.issuesByKey.delete(victim.key.toUpperCase());
      this.markChanged();
      for (const listener of this.issueListeners) {
        try {
          listener({ type: 'deleted', issue: rendered, actorAccountId, changed: [] });
        } catch (error) {
          console.error('[sandbox site] issue event listener failed:', error);
        }
      }
    }
    for (const orphan of this.issues.values()) {
      if (orphan.parentId === issue.id) this.updateIssue(orphan, { parentId: null }, actorAccountId);
    }
  }

  /** Entity properties do not change the issue's `updated` time in Jira; they still raise an event here. */
  setIssueProperty(
    issue: SiteIssue,
    key: string,
    value: unknown,
    actorAccountId: string | null,
  ): 'created' | 'updated' {
    const existed = issue.properties.has(key);
    this.beforeChange(issue.id, issue);
    issue.properties.set(key, structuredClone(value));
    this.emit('updated', issue, actorAccountId, [`property:${key}`]);
    return existed ? 'updated' : 'created';
  }

  deleteIssueProperty(issue: SiteIssue, key: string, actorAccountId: string | null): boolean {
    if (!issue.properties.has(key)) return false;
    this.beforeChange(issue.id, issue);
    issue.properties.delete(key);
    this.emit('updated', issue, actorAccountId, [`property:${key}`]);
    return true;
  }

  /** Switches the site's Jira plan (the sandbox menu, `POST /_sandbox/plan`); persisted. */
  setPlan(plan: SitePlan): void {
    this.plan = plan;
    this.markChanged();
  }

  /** Project properties change no issue, so they raise no issue event; they are persisted. */
  setProjectProperty(project: SiteProject, key: string, value: unknown): 'created' | 'updated' {
    const existed = project.properties.has(key);
    project.properties.set(key, structuredClone(value));
    this.markChanged();
    return existed ? 'updated' : 'created';
  }

  deleteProjectProperty(project: SiteProject, key: string): boolean {
    if (!project.properties.delete(key)) return false;
    this.markChanged();
    return true;
  }

  // -------------------------------------------------------------------------------------------------------
  // People and roles (for tests and the host: "what if Helen came back", "what if Lars left the group")

  setUserActive(accountId: string, active: boolean): void {
    const u = this.users.get(accountId);
    if (!u) throw new Error(`unknown user ${accountId}`);
    u.active = active;
    this.markChanged();
  }

  setGroupMembership(accountId: string, groupName: string, member: boolean): void {
    const u = this.users.get(accountId);
    if (!u) throw new Error(`unknown user ${accountId}`);
    if (!this.groups.has(groupName)) throw new Error(`unknown group ${groupName}`);
    u.groups = u.groups.filter((g) => g !== groupName);
    if (member) u.groups.push(groupName);
    this.markChanged();
  }

  addRoleActor(projectIdOrKey: string, roleName: string, actor: RoleActor): void {
    const role = this.role(projectIdOrKey, roleName);
    if (!role.actors.some((a) => sameActor(a, actor))) role.actors.push(actor);
    this.markChanged();
  }

  removeRoleActor(projectIdOrKey: string, roleName: string, actor: RoleActor): void {
    const role = this.role(projectIdOrKey, roleName);
    role.actors = role.actors.filter((a) => !sameActor(a, actor));
    this.markChanged();
  }

  private role(projectIdOrKey: string, roleName: string) {
    const project = this.getProject(projectIdOrKey);
    const role = project?.roles.find((r) => r.name === roleName);
    if (!role) throw new Error(`no role ${roleName} in project ${projectIdOrKey}`);
    return role;
  }

  addOutboxMessage(message: OutboxMessage): void {
    this.outbox.push(message);
    this.markChanged();
  }
}

function sameActor(a: RoleActor, b: RoleActor): boolean {
  return a.type === 'user' && b.type === 'user'
    ? a.accountId === b.accountId
    : a.type === 'group' && b.type === 'group' && a.groupName === b.groupName;
}

export function issueNumber(key: string): number {
  const dash = key.lastIndexOf('-');
  return Number(key.slice(dash + 1));
}
