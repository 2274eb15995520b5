// The context variables Jira gives an expression, built from the embedded site's data: `issue`, `project`
// (the issue's), `user` (the caller; null when anonymous) and, for a workflow validator, `transition`.
import { categoryOf, type Status } from '../catalog';
import type { SiteIssue, SiteProject, SiteUser } from '../model';
import type { SiteState } from '../state';
import { Entity, EntityPropertiesValue, type Value } from './evaluate';

function statusEntity(status: Status): Entity {
  const category = categoryOf(status);
  return new Entity('IssueStatus', {
    id: () => Number(status.id),
    name: () => status.name,
    category: () =>
      new Entity('StatusCategory', {
        id: () => category.id,
        key: () => category.key,
        name: () => category.name,
        colorName: () => category.colorName,
      }),
  });
}

export function projectEntity(project: SiteProject): Entity {
  return new Entity('Project', {
    id: () => Number(project.id),
    key: () => project.key,
    name: () => project.name,
    projectTypeKey: () => 'software',
    properties: () =>
      new EntityPropertiesValue(
        `project ${project.id}`,
        (key) => project.properties.get(key),
        () => [...project.properties.keys()],
      ),
  });
}

export function issueEntity(state: SiteState, issue: SiteIssue): Entity {
  return new Entity('Issue', {
    id: () => Number(issue.id),
    key: () => issue.key,
    summary: () => issue.summary,
    issueType: () => {
      const type = state.issueType(issue.issueTypeId);
      return new Entity('IssueType', {
        id: () => type.id,
        name: () => type.name,
        description: () => type.description,
        subtask: () => type.subtask,
        hierarchyLevel: () => type.hierarchyLevel,
      });
    },
    status: () => statusEntity(state.status(issue.statusId)),
    project: () => {
      const project = state.getProject(issue.projectId);
      return project ? projectEntity(project) : null;
    },
    properties: () =>
      new EntityPropertiesValue(
        `issue ${issue.id}`,
        (key) => issue.properties.get(key),
        () => [...issue.properties.keys()],
      ),
  });
}

export function userEntity(user: SiteUser | null): Value {
  if (!user) return null;
  return new Entity('User', { accountId: () => user.accountId, displayName: () => user.displayName });
}

export function transitionEntity(transition: { id: string; name: string }, from: Status, to: Status): Entity {
  return new Entity('Transition', {
    id: () => Number(transition.id),
    name: () => transition.name,
    from: () => statusEntity(from),
    to: () => statusEntity(to),
    hasScreen: () => false,
  });
}
