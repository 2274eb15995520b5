// People: the caller (`/myself`), one user, many users (`/user/bulk`, paginated, unknown ids simply missing,
// deactivated ones with `active: false`), a picker search, and a user's groups. Reading other people needs the
// "Browse users and groups" global permission (every demo user and the app have it).
import { JiraHttpError, MESSAGES, errorCollection, forbidden, notFound } from '../errors';
import type { SiteUser } from '../model';
import { hasGlobalPermission } from '../permissions';
import { fullUserJson, userJson } from '../representations';
import { intParam, type RouteRequest, type Router } from '../router';

/** `/user/bulk` page size: Jira's default is 10; this site allows up to 100 per page. */
export const USER_BULK_LIMITS = { defaultMaxResults: 10, maxResults: 100 } as const;

function requireUserPicker(request: RouteRequest): void {
  if (!hasGlobalPermission(request.site.state, request.caller.user, 'USER_PICKER')) {
    throw forbidden('You do not have the permission to browse users and groups.');
  }
}

function requiredAccountId(request: RouteRequest): string {
  const accountId = request.query.get('accountId');
  if (accountId === null || accountId === '') {
    throw new JiraHttpError(400, errorCollection(["The 'accountId' query parameter needs to be provided."]));
  }
  return accountId;
}

function myself(request: RouteRequest) {
  return { status: 200, body: fullUserJson(request.site.render, request.caller.user) };
}

function getUser(request: RouteRequest) {
  const accountId = requiredAccountId(request);
  requireUserPicker(request);
  const user = request.site.state.getUser(accountId);
  if (!user) throw notFound(MESSAGES.userNotFound);
  return { status: 200, body: fullUserJson(request.site.render, user) };
}

function bulkGetUsers(request: RouteRequest) {
  const ids = request.query.getAll('accountId').filter((id) => id !== '');
  if (ids.length === 0) {
    throw new JiraHttpError(400, errorCollection(["At least one 'accountId' must be provided."]));
  }
  requireUserPicker(request);
  const startAt = intParam(request.query, 'startAt', 0);
  const maxResults = Math.max(
    1,
    Math.min(
      USER_BULK_LIMITS.maxResults,
      intParam(request.query, 'maxResults', USER_BULK_LIMITS.defaultMaxResults),
    ),
  );
  const found = [...new Set(ids)].flatMap((id) => {
    const user = request.site.state.getUser(id);
    return user ? [user] : [];
  });
  const values = found.slice(startAt, startAt + maxResults).map((u) => userJson(request.site.render, u));
  const isLast = startAt + maxResults >= found.length;
  const base = `${request.site.render.baseUrl}/rest/api/3/user/bulk`;
  const pageUrl = (start: number): string => {
    const q = new URLSearchParams();
    for (const id of ids) q.append('accountId', id);
    q.set('startAt', String(start));
    q.set('maxResults', String(maxResults));
    return `${base}?${q.toString()}`;
  };
  const body: Record<string, unknown> = {
    self: pageUrl(startAt),
    maxResults,
    startAt,
    total: found.length,
    isLast,
    values,
  };
  if (!isLast) body.nextPage = pageUrl(startAt + maxResults);
  return { status: 200, body };
}

function matches(user: SiteUser, query: string): boolean {
  const q = query.toLowerCase();
  const words = user.displayName.toLowerCase().split(/\s+/);
  return (
    words.some((w) => w.startsWith(q)) ||
    user.displayName.toLowerCase().startsWith(q) ||
    (user.email ?? '').toLowerCase().startsWith(q)
  );
}

function searchUsers(request: RouteRequest) {
  const query = request.query.get('query');
  const accountId = request.query.get('accountId');
  if ((query === null || query === '') && (accountId === null || accountId === '')) {
    throw new JiraHttpError(
      400,
      errorCollection(["One of 'query' or 'accountId' parameters must be provided."]),
    );
  }
  if (query !== null && query !== '' && accountId !== null && accountId !== '') {
    throw new JiraHttpError(
      400,
      errorCollection(["Only one of 'query' or 'accountId' parameters may be provided."]),
    );
  }
  requireUserPicker(request);
  const startAt = intParam(request.query, 'startAt', 0);
  const maxResults = Math.max(1, Math.min(1000, intParam(request.query, 'maxResults', 50)));
  const users = [...request.site.state.users.values()].filter((u) =>
    accountId !== null && accountId !== ''
      ? u.accountId === accountId
      : u.accountType === 'atlassian' && u.active && matches(u, query ?? ''),
  );
  users.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return {
    status: 200,
    body: users.slice(startAt, startAt + maxResults).map((u) => userJson(request.site.render, u)),
  };
}

function userGroups(request: RouteRequest) {
  const accountId = requiredAccountId(request);
  requireUserPicker(request);
  const user = request.site.state.getUser(accountId);
  if (!user) throw notFound(MESSAGES.userNotFound);
  const base = request.site.render.baseUrl;
  return {
    status: 200,
    body: request.site.state.groupsOf(user).map((g) => ({
      name: g.name,
      groupId: g.groupId,
      self: `${base}/rest/api/3/group?groupId=${g.groupId}`,
    })),
  };
}

export function registerUserRoutes(router: Router): void {
  router
    .add('GET', '/rest/api/3/myself', myself)
    .add('GET', '/rest/api/3/user', getUser)
    .add('GET', '/rest/api/3/user/bulk', bulkGetUsers)
    .add('GET', '/rest/api/3/user/search', searchUsers)
    .add('GET', '/rest/api/3/user/groups', userGroups);
}
