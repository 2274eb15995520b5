// The sandbox's own endpoints under `/_sandbox/`, for an out-of-process CLI or the host UI. All need the
// `X-Sandbox-Secret` header except the avatars (images load without headers) and the health check.
//   GET  /_sandbox/outbox     notify messages (DELETE empties it)
//   GET  /_sandbox/outgoing-mail  { enabled }; POST { enabled } turns outgoing mail off (notify answers 403) or on
//   POST /_sandbox/reset      back to the seed data
//   GET  /_sandbox/faults     current faults; POST a partial Faults to change them; DELETE clears them
//   GET  /_sandbox/counters   requests per endpoint; DELETE resets them
//   GET  /_sandbox/users      the site's people without their tokens (for "sign in as" pickers), with their
//                             project roles and issue security levels
//   GET  /_sandbox/avatar/{accountId}   an SVG avatar with initials
//   GET  /_sandbox/plan       the site's Jira plan { plan: 'free' | 'standard' }; POST { plan } switches it
//   GET  /_sandbox/health     { ok: true }
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { JiraHttpError, MESSAGES, errorCollection } from './errors';
import { faultsPatchSchema } from './faults';
import { hasGlobalPermission, rolesOf, standingLevels } from './permissions';
import type { SiteContext } from './router';

const planSchema = z.object({ plan: z.enum(['free', 'standard']) }).strict();

export interface AdminResponse {
  status: number;
  body?: unknown;
  contentType?: string;
  text?: string;
}

function json(status: number, body?: unknown): AdminResponse {
  return body === undefined ? { status } : { status, body };
}

function parseJson(rawBody: string): unknown {
  try {
    return rawBody.trim() === '' ? {} : JSON.parse(rawBody);
  } catch {
    throw new JiraHttpError(400, errorCollection([MESSAGES.invalidPayload]));
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function avatarSvg(site: SiteContext, accountId: string): AdminResponse {
  const user = site.state.getUser(accountId);
  const name = user?.displayName ?? '?';
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const hue = parseInt(createHash('sha1').update(accountId).digest('hex').slice(0, 4), 16) % 360;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">` +
    `<circle cx="24" cy="24" r="24" fill="hsl(${hue},55%,45%)"/>` +
    `<text x="24" y="30" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#fff">${escapeXml(initials)}</text></svg>`;
  return { status: 200, contentType: 'image/svg+xml', text: svg };
}

function users(site: SiteContext): AdminResponse {
  const { state } = site;
  const people = [...state.users.values()]
    .filter((u) => u.accountType === 'atlassian')
    .map((u) => ({
      accountId: u.accountId,
      accountType: u.accountType,
      displayName: u.displayName,
      email: u.email,
      active: u.active,
      groups: [...u.groups],
      siteAdmin: hasGlobalPermission(state, u, 'ADMINISTER'),
      projectRoles: Object.fromEntries(
        [...state.projects.values()].map((p) => {
          const held = rolesOf(u, p);
          return [p.key, p.roles.filter((r) => held.has(r.id)).map((r) => r.name)];
        }),
      ),
      // Issue security levels the person is always in (by name, group or role; reporter / assignee members
      // depend on the issue and are not listed), per project with a scheme.
      securityLevels: Object.fromEntries(
        [...state.projects.values()]
          .filter((p) => p.issueSecuritySchemeId !== null)
          .map((p) => [p.key, standingLevels(state, u, p).map((level) => level.name)]),
      ),
    }));
  const app = state.getUser(state.appAccountId);
  return json(200, {
    users: people,
    app: app ? { accountId: app.accountId, displayName: app.displayName } : null,
  });
}

/** Handles `/_sandbox/...`; `authorized` tells whether the secret header was right. */
export async function handleAdmin(
  site: SiteContext,
  method: string,
  path: string,
  rawBody: string,
  authorized: boolean,
): Promise<AdminResponse> {
  if (method === 'GET' && path === '/_sandbox/health') return json(200, { ok: true });
  const avatar = /^\/_sandbox\/avatar\/([^/]+)$/.exec(path);
  if (method === 'GET' && avatar) return avatarSvg(site, decodeURIComponent(avatar[1] ?? ''));
  if (!authorized) {
    throw new JiraHttpError(401, errorCollection(['The X-Sandbox-Secret header is missing or wrong.']));
  }
  switch (`${method} ${path}`) {
    case 'GET /_sandbox/outbox':
      return json(200, { messages: site.state.outbox });
    case 'GET /_sandbox/outgoing-mail':
      return json(200, { enabled: site.state.outgoingMail });
    case 'POST /_sandbox/outgoing-mail': {
      const parsed = z.object({ enabled: z.boolean() }).strict().safeParse(parseJson(rawBody));
      if (!parsed.success)
        throw new JiraHttpError(
          400,
          errorCollection([`Invalid outgoing mail switch: ${parsed.error.message}`]),
        );
      site.state.outgoingMail = parsed.data.enabled;
      return json(200, { enabled: site.state.outgoingMail });
    }
    case 'DELETE /_sandbox/outbox':
      site.state.outbox = [];
      site.state.markChanged();
      return json(204);
    case 'POST /_sandbox/reset':
      await site.reset();
      return json(204);
    case 'GET /_sandbox/faults':
      return json(200, site.faults.get());
    case 'POST /_sandbox/faults': {
      const parsed = faultsPatchSchema.safeParse(parseJson(rawBody));
      if (!parsed.success)
        throw new JiraHttpError(400, errorCollection([`Invalid faults: ${parsed.error.message}`]));
      site.faults.set(parsed.data);
      return json(200, site.faults.get());
    }
    case 'DELETE /_sandbox/faults':
      site.faults.clear();
      return json(200, site.faults.get());
    case 'GET /_sandbox/counters':
      return json(200, site.counters.snapshot());
    case 'DELETE /_sandbox/counters':
      site.counters.reset();
      return json(204);
    case 'GET /_sandbox/users':
      return users(site);
    case 'GET /_sandbox/plan':
      return json(200, { plan: site.state.plan });
    case 'POST /_sandbox/plan': {
      const parsed = planSchema.safeParse(parseJson(rawBody));
      if (!parsed.success) {
        throw new JiraHttpError(400, errorCollection(['Send { "plan": "free" } or { "plan": "standard" }.']));
      }
      site.state.setPlan(parsed.data.plan);
      return json(200, { plan: site.state.plan });
    }
    default:
      throw new JiraHttpError(404, errorCollection([`No sandbox endpoint ${method} ${path}.`]));
  }
}
