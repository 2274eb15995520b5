// The enhanced JQL search (POST and GET `/rest/api/3/search/jql`) and the approximate count. The body follows
// `SearchAndReconcileRequestBean`, which allows no other members: unknown ones are a 400, as in Jira. Both
// search from the (possibly lagging) index; `reconcileIssues` names issues to read as they are now.
import { z } from 'zod';
import { JiraHttpError, MESSAGES, errorCollection } from '../errors';
import { intParam, listParam, parseBody, type RouteRequest, type Router } from '../router';
import { evaluate, runSearch } from '../search';

const searchBodySchema = z
  .object({
    jql: z.string().optional(),
    nextPageToken: z.string().nullable().optional(),
    maxResults: z.number().int().optional(),
    fields: z.array(z.string()).optional(),
    properties: z.array(z.string()).optional(),
    fieldsByKeys: z.boolean().optional(),
    expand: z.string().optional(),
    reconcileIssues: z.array(z.number().int()).optional(),
  })
  .strict();

function postSearch(request: RouteRequest) {
  const body = parseBody(request, searchBodySchema);
  return {
    status: 200,
    body: runSearch(request.site, request.caller, {
      jql: body.jql ?? '',
      nextPageToken: body.nextPageToken ?? undefined,
      maxResults: body.maxResults,
      fields: body.fields,
      properties: body.properties,
      expand: body.expand,
      reconcileIssues: body.reconcileIssues,
    }),
  };
}

/** `reconcileIssues` of the GET form: issue ids, comma-separated or repeated; 400 when one is not a number. */
function reconcileParam(query: URLSearchParams): number[] | undefined {
  const list = listParam(query, 'reconcileIssues');
  if (!list) return undefined;
  return list.map((v) => {
    if (!/^\d+$/.test(v)) {
      throw new JiraHttpError(
        400,
        errorCollection([`The value '${v}' is not valid for the parameter 'reconcileIssues'.`]),
      );
    }
    return Number(v);
  });
}

function getSearch(request: RouteRequest) {
  const { query } = request;
  return {
    status: 200,
    body: runSearch(request.site, request.caller, {
      jql: query.get('jql') ?? '',
      nextPageToken: query.get('nextPageToken') ?? undefined,
      maxResults: query.has('maxResults') ? intParam(query, 'maxResults', 50) : undefined,
      fields: listParam(query, 'fields'),
      properties: listParam(query, 'properties'),
      expand: query.get('expand') ?? undefined,
      reconcileIssues: reconcileParam(query),
    }),
  };
}

const countSchema = z.object({ jql: z.string().optional() }).strict();

function approximateCount(request: RouteRequest) {
  const body = parseBody(request, countSchema);
  const jql = body.jql ?? '';
  if (jql.trim() === '') throw new JiraHttpError(400, errorCollection([MESSAGES.unbounded]));
  return { status: 200, body: { count: evaluate(request.site, request.caller, jql).length } };
}

export function registerSearchRoutes(router: Router): void {
  router
    .add('POST', '/rest/api/3/search/jql', postSearch)
    .add('GET', '/rest/api/3/search/jql', getSearch)
    .add('POST', '/rest/api/3/search/approximate-count', approximateCount);
}
