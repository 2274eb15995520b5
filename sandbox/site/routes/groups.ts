// `GET /rest/api/3/groups/picker`: groups whose name contains the query (OpenAPI `FoundGroups`), sorted by name,
// with Jira's rules: case-sensitive unless `caseInsensitive=true`; a caller who may browse no project gets an
// empty list; without "Browse users and groups" only a group whose name is exactly the query is found; at most
// `jira.ajax.autocomplete.limit` (20) groups, with a header saying how many matched. `exclude` (names) and
// `excludeId` are both honoured: the document says not to combine them but lists no error for it.
import { canBrowseProject, hasGlobalPermission } from '../permissions';
import { intParam, type RouteRequest, type Router } from '../router';

/** Jira's `jira.ajax.autocomplete.limit`: the default page and the most one request returns. */
export const GROUP_PICKER_LIMIT = 20;

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The name with the first match in bold, as Jira's `html` field has it. */
function highlighted(name: string, at: number, length: number): string {
  if (length === 0 || at < 0) return escapeHtml(name);
  return (
    escapeHtml(name.slice(0, at)) +
    `<b>${escapeHtml(name.slice(at, at + length))}</b>` +
    escapeHtml(name.slice(at + length))
  );
}

function groupsPicker(request: RouteRequest) {
  const { query: params } = request;
  const { state } = request.site;
  const caller = request.caller.user;
  const excludeNames = params.getAll('exclude');
  const excludeIds = params.getAll('excludeId');
  const maxResults = Math.min(intParam(params, 'maxResults', GROUP_PICKER_LIMIT), GROUP_PICKER_LIMIT);
  const query = params.get('query') ?? '';
  const caseInsensitive = params.get('caseInsensitive') === 'true';
  const mayBrowse = [...state.projects.values()].some((p) => canBrowseProject(state, caller, p));
  const mayBrowseUsers = hasGlobalPermission(state, caller, 'USER_PICKER');
  const fold = (text: string) => (caseInsensitive ? text.toLowerCase() : text);
  const matches = !mayBrowse
    ? []
    : [...state.groups.values()]
        .filter((g) => !excludeNames.includes(g.name) && !excludeIds.includes(g.groupId))
        .filter((g) => (mayBrowseUsers ? fold(g.name).includes(fold(query)) : g.name === query))
        .sort((a, b) => a.name.localeCompare(b.name));
  const shown = matches.slice(0, maxResults);
  return {
    status: 200,
    body: {
      header: `Showing ${shown.length} of ${matches.length} matching groups`,
      total: matches.length,
      groups: shown.map((g) => ({
        name: g.name,
        groupId: g.groupId,
        html: highlighted(g.name, fold(g.name).indexOf(fold(query)), query.length),
        labels: [],
      })),
    },
  };
}

export function registerGroupRoutes(router: Router): void {
  router.add('GET', '/rest/api/3/groups/picker', groupsPicker);
}
