// Jira expressions over REST, served by the sandbox's subset (../expressions): `POST /expression/analyse`
// (syntax, type and complexity checks) and `POST /expression/evaluate` with an `issue` and a `project` in the
// context. An expression outside the subset is answered loudly (analyse: invalid, with an error of type
// "other" saying so; evaluate: 400 saying so), never with a guess. The deprecated `/expression/eval` is not
// served: Atlassian is removing it.
import { z } from 'zod';
import { JiraHttpError, MESSAGES, errorCollection, notFound } from '../errors';
import { canBrowseIssue, canBrowseProject } from '../permissions';
import { parseBody, type RouteRequest, type Router } from '../router';
import {
  EvaluationError,
  ExpressionSyntaxError,
  UnsupportedConstruct,
  analyseExpression,
  evaluate,
  issueEntity,
  parseExpression,
  projectEntity,
  toJson,
  userEntity,
  type Check,
  type Value,
} from '../expressions';

const analyseSchema = z
  .object({
    expressions: z.array(z.string()),
    contextVariables: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const CHECKS: readonly Check[] = ['syntax', 'type', 'complexity'];

function analyse(request: RouteRequest) {
  const check = request.query.get('check') ?? 'syntax';
  if (!(CHECKS as readonly string[]).includes(check)) {
    throw new JiraHttpError(
      400,
      errorCollection([
        `The value '${check}' is not valid for the parameter 'check'. Use syntax, type or complexity.`,
      ]),
    );
  }
  const body = parseBody(request, analyseSchema);
  return {
    status: 200,
    body: {
      results: body.expressions.map((e) => analyseExpression(e, check as Check, body.contextVariables ?? {})),
    },
  };
}

const idOrKey = z.object({ id: z.number().int().optional(), key: z.string().optional() }).strict();
const evaluateSchema = z
  .object({
    expression: z.string(),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** The context variables the subset supports; the rest of Jira's (board, sprint, issues, custom...) are refused. */
const SUPPORTED_CONTEXT = new Set(['issue', 'project']);

function reference(value: unknown, what: string): string {
  const parsed = idOrKey.safeParse(value);
  const ref = parsed.success ? (parsed.data.key ?? parsed.data.id?.toString()) : undefined;
  if (ref === undefined || (parsed.success && parsed.data.key !== undefined && parsed.data.id !== undefined))
    throw new JiraHttpError(400, errorCollection([`Specify the ${what} by either 'id' or 'key'.`]));
  return ref;
}

function evaluateExpression(request: RouteRequest) {
  const body = parseBody(request, evaluateSchema);
  const context = body.context ?? {};
  const refused = Object.keys(context).filter((k) => !SUPPORTED_CONTEXT.has(k));
  if (refused.length > 0) {
    throw new JiraHttpError(
      400,
      errorCollection([
        `The sandbox does not evaluate with the context variable(s) ${refused.join(', ')}: only issue and project (docs/design/workflow-validator.md).`,
      ]),
    );
  }
  const { state } = request.site;
  const viewer = request.caller.user;
  const variables: Record<string, Value> = { user: userEntity(viewer) };
  if (context.issue !== undefined) {
    const issue = state.getIssue(reference(context.issue, 'issue'));
    if (!issue || !canBrowseIssue(state, viewer, issue)) throw notFound(MESSAGES.issueNotFound);
    variables.issue = issueEntity(state, issue);
  }
  if (context.project !== undefined) {
    const key = reference(context.project, 'project');
    const project = state.getProject(key);
    if (!project || !canBrowseProject(state, viewer, project)) throw notFound(MESSAGES.projectNotFound(key));
    variables.project = projectEntity(project);
  }
  try {
    const { value } = evaluate(parseExpression(body.expression), variables);
    return { status: 200, body: { value: toJson(value) } };
  } catch (error) {
    if (error instanceof EvaluationError)
      throw new JiraHttpError(400, errorCollection([`Evaluation failed: ${error.message}`]));
    if (error instanceof ExpressionSyntaxError) {
      throw new JiraHttpError(
        400,
        errorCollection([
          `Invalid expression: ${error.message} (line ${error.at.line}, column ${error.at.column})`,
        ]),
      );
    }
    if (error instanceof UnsupportedConstruct) throw new JiraHttpError(400, errorCollection([error.message]));
    throw error;
  }
}

export function registerExpressionRoutes(router: Router): void {
  router
    .add('POST', '/rest/api/3/expression/analyse', analyse)
    .add('POST', '/rest/api/3/expression/evaluate', evaluateExpression);
}
