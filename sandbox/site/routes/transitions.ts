// The workflow: `GET /issue/{key}/transitions` (what the caller may do from the issue's status) and
// `POST /issue/{key}/transitions` (do it). The site's workflow is the catalog's global transitions (any status
// to any other: To Do -> In Progress -> In Review -> Approved -> Done and back; Approved denies Edit Issues,
// not Transition Issues, so an approved issue can still be moved on or back). Every transition runs the
// installed app's workflow validators (manifest.yml's `jira:workflowValidator` expressions) as Jira does: a
// refusal is a 400 with the validator's message in errorMessages, and nothing changes. Creating an issue runs
// none (Jira never offers the property the validator reads before the issue exists; the site's create is a
// separate route).
import { z } from 'zod';
import { STATUSES } from '../catalog';
import { JiraHttpError, errorCollection } from '../errors';
import { hasIssuePermission } from '../permissions';
import { statusJson } from '../representations';
import { parseBody, type RouteRequest, type Router } from '../router';
import {
  issueEntity,
  projectEntity,
  runValidators,
  transitionEntity,
  userEntity,
  type ValidatorOutcome,
} from '../expressions';
import { param, visibleIssue } from './shared';

const transitionSchema = z
  .object({ transition: z.object({ id: z.string().optional() }).passthrough().optional() })
  .passthrough();

function getTransitions(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  // Without Transition Issues the workflow offers nothing, as in Jira.
  const allowed = hasIssuePermission(request.site.state, request.caller.user, issue, 'TRANSITION_ISSUES');
  // `transitionId` narrows the list to that one (empty when it is not available from this status).
  const only = request.query.get('transitionId');
  const transitions = allowed
    ? STATUSES.filter((s) => s.id !== issue.statusId && (only === null || s.transition.id === only)).map(
        (s) => ({
          id: s.transition.id,
          name: s.transition.name,
          to: statusJson(request.site.render, s),
          hasScreen: false,
          isGlobal: true,
          isInitial: false,
          isAvailable: true,
          isConditional: false,
          isLooped: false,
        }),
      )
    : [];
  return { status: 200, body: { expand: 'transitions', transitions } };
}

function doTransition(request: RouteRequest) {
  const issue = visibleIssue(request, param(request, 'issueIdOrKey'));
  const body = parseBody(request, transitionSchema);
  const id = body.transition?.id;
  if (id === undefined) throw new JiraHttpError(400, errorCollection(["Missing 'transition' identifier"]));
  const { state } = request.site;
  if (!hasIssuePermission(state, request.caller.user, issue, 'TRANSITION_ISSUES')) {
    throw new JiraHttpError(400, errorCollection(['You do not have permission to transition this issue.']));
  }
  const target = STATUSES.find((s) => s.transition.id === id && s.id !== issue.statusId);
  if (!target)
    throw new JiraHttpError(400, errorCollection([`Transition id '${id}' is not valid for this issue.`]));
  const project = state.getProject(issue.projectId);
  const outcome: ValidatorOutcome = runValidators(request.site.workflowValidators, {
    issue: issueEntity(state, issue),
    project: project ? projectEntity(project) : null,
    user: userEntity(request.caller.user),
    transition: transitionEntity(target.transition, state.status(issue.statusId), target),
  });
  if (outcome.kind === 'unsupported') {
    // Loud: the sandbox cannot say what Jira would do, so the transition neither passes nor is "refused".
    console.error(`[sandbox site] ${outcome.message}`);
    throw new JiraHttpError(400, errorCollection([outcome.message]));
  }
  if (outcome.kind === 'refused') throw new JiraHttpError(400, errorCollection([outcome.message]));
  state.transitionIssue(issue, target.id, request.caller.user.accountId);
  return { status: 204 };
}

export function registerTransitionRoutes(router: Router): void {
  router
    .add('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', getTransitions)
    .add('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', doTransition);
}
