// The host's HTTP routes:
//   shell pages  /, /jira/projects, /jira/software/projects/:key/issues, /browse/:key,
//                /jira/software/projects/:key/apps/:module, .../settings[/apps/:module], and Jira's own
//                /jira/:type/projects/:key/[settings/]apps/:appId/:envId[/sub/path] (projectModuleRoute)
//   Custom UI    /resources/:resource/...         (index.html gets the bridge shim + Forge's CSP)
//   host API     POST /_host/bridge                (invoke, getContext, requestJira from an iframe)
//                POST /_host/act-as                (switch the acting user; a cookie)
//                POST /_host/issue-context         (expand / collapse an issue context, per user)
//                POST /_host/issue-panel           (add / remove an issue panel on an issue)
//                POST /_host/transition            (take a workflow transition as the acting user)
//                POST /_host/modal                 (register the frame of a bridge Modal)
//                POST /_host/consent               (grant / revoke the acting user's asUser() consent)
//                GET  /_host/issue-changes         (an issue's change version, polled by the issue view)
//                GET  /_host/issue-context-header  (an issue context's header, recomputed after a change)
//                POST /_host/scheduled/:key        (run a scheduled trigger now)
//                POST /_host/notify/run-now        (run the notification trigger now, then show the outbox)
//                POST /_host/impersonation         (grant / refuse offline user impersonation for the site)
//                POST /_host/outgoing-mail         (the embedded site's outgoing mail on / off)
//                GET  /_host/invocations, /_host/deliveries, /_host/health
//                GET  /_host/shell.js, shell.css, bridge.js, tokens.css; POST /_host/csp-report
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { DeliveryQueue } from './delivery-queue';
import { isDisplayed, type DisplayFacts } from './display-conditions';
import type { FrameRegistry, FrameRecord, ExtensionContext, IssueRef, ProjectRef } from './frames';
import type { FaultControls } from './faults';
import type { FunctionHost } from './functions';
import { moduleStatus, type AppManifest, type ModuleStatus, type UiModule } from './manifest';
import type { ProductGateway, ProductIdentity } from './product';
import type { InvocationSignals } from './runtime';
import type { ViewerState } from './viewer-state';
import { serveResource } from './resources';
import type { ShellAssets } from './shell/assets';
import { RefusalFlash, takeTransition, transitionForm, workflowSection } from './shell/transitions';
import { NOTIFY_TRIGGER_KEY, describeRun, outboxBody, outboxMessageSchema } from './shell/outbox';
import {
  ShellJira,
  ShellJiraError,
  type ShellIssue,
  type ShellProject,
  type ShellUser,
} from './shell/jira-view';
import {
  issueBody,
  issuesBody,
  layout,
  messageBody,
  moduleBody,
  moduleStatusView,
  projectUrl,
  projectsBody,
  settingsIndexBody,
  type Chrome,
  type ColorMode,
  type ContextView,
  type FrameView,
  type PageIssue,
  type SidebarModel,
} from './shell/pages';

export interface HostContext {
  manifest: AppManifest;
  /** Jira for the shell's own pages. */
  product: ProductGateway;
  /** Jira for the app (the bridge's requestJira): with the Sandbox menu's bursts. */
  appProduct: ProductGateway;
  /** The Sandbox menu's fault switches; null for a real site. */
  faults: FaultControls | null;
  functions: FunctionHost;
  frames: FrameRegistry;
  queue: DeliveryQueue;
  viewer: ViewerState;
  assets: ShellAssets;
  csp: boolean;
  readOnly: boolean;
  url(): string;
  resourceDir(resourceKey: string): string | null;
  users(): Promise<ShellUser[]>;
  /** Project keys to try when the site cannot list projects (the embedded site). */
  projectKeys(): Promise<string[]>;
  runScheduled(key: string): Promise<unknown>;
  /**
   * The embedded site's change version of an issue (by id or key; any change, entity properties included) and
   * who made the last change. Null for a real site, where the issue's `updated` time stands in.
   */
  issueVersion: ((idOrKey: string) => { version: string; atlassianId: string | null }) | null;
  /** The embedded site's outbox (every notify message); absent for a real site, which sends real email. */
  outbox?: () => Promise<unknown>;
  /** The embedded site's outgoing mail switch (off: notify answers 403); absent for a real site. */
  outgoingMail?: { get(): Promise<boolean>; set(enabled: boolean): Promise<void> };
  log(line: string): void;
}

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0c66e4"/>' +
  '<text x="16" y="22" font-family="sans-serif" font-size="17" font-weight="700" text-anchor="middle" fill="#fff">J</text></svg>';
const ACT_AS_COOKIE = 'forge-host-as';
const THEME_COOKIE = 'forge-host-theme';
const MAX_BODY_BYTES = 1024 * 1024;
const RESOLVER_TIMEOUT_MS = 25_000;
/** Forge's invocation payload limits: a Custom UI `invoke` request up to 500 KB, its response up to 5 MB. */
export const INVOKE_REQUEST_LIMIT_BYTES = 500 * 1024;
export const INVOKE_RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;

const bridgeRequest = z.object({ frame: z.string(), type: z.string(), payload: z.unknown().optional() });
const invokePayload = z.object({ functionKey: z.string(), payload: z.unknown().optional() });
const modalRequest = z.object({
  frame: z.string(),
  resource: z.string().nullish(),
  context: z.unknown().optional(),
});
const contextForm = z.object({
  module: z.string(),
  expanded: z.enum(['0', '1']),
  back: z.string().optional(),
});
const panelForm = z.object({
  module: z.string(),
  issueId: z.string().regex(/^\d+$/),
  added: z.enum(['0', '1']),
  back: z.string().optional(),
});
const consentForm = z.object({ granted: z.enum(['0', '1']), back: z.string().optional() });
const issueChangesQuery = z.object({ issueId: z.string().regex(/^\d+$/), issueKey: z.string().min(1) });
const contextHeaderQuery = z.object({ module: z.string(), issueKey: z.string().min(1) });
const dynamicProperties = z
  .object({ title: z.string().optional(), label: z.string().optional(), status: moduleStatus.optional() })
  .loose();
const fetchProductPayload = z.object({
  product: z.string(),
  restPath: z.string().startsWith('/'),
  fetchRequestInit: z
    .object({
      method: z.string().optional(),
      headers: z.array(z.tuple([z.string(), z.string()])).optional(),
      body: z.string().nullish(),
    })
    .loose()
    .optional(),
});

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(
    res,
    status,
    { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    JSON.stringify(body),
  );
}

function sendHtml(res: ServerResponse, status: number, body: string): void {
  send(res, status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body);
}

function redirect(res: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  send(res, 303, { location, ...extra }, '');
}

const cspReport = z.object({
  'csp-report': z
    .object({
      'document-uri': z.string().optional(),
      'effective-directive': z.string().optional(),
      'violated-directive': z.string().optional(),
      'blocked-uri': z.string().optional(),
    })
    .loose(),
});

/** One line for the console, with what to change in manifest.yml (Forge would block the same thing). */
export function describeCspReport(body: string): string {
  let report: z.output<typeof cspReport>['csp-report'] | null = null;
  try {
    const parsed = cspReport.safeParse(JSON.parse(body));
    report = parsed.success ? parsed.data['csp-report'] : null;
  } catch {
    report = null;
  }
  if (!report) return 'A Custom UI iframe reported a content security policy violation (unreadable report).';
  const directive = report['effective-directive'] ?? report['violated-directive'] ?? 'unknown';
  const blocked = report['blocked-uri'] ?? 'unknown';
  const page = (report['document-uri'] ?? '').replace(/\?.*$/, '');
  const hint = directive.startsWith('style-src')
    ? "inline styles need permissions.content.styles: ['unsafe-inline'] in manifest.yml"
    : directive.startsWith('script-src')
      ? "inline scripts need permissions.content.scripts: ['unsafe-inline'] in manifest.yml (or move them into files of the resource)"
      : 'other hosts must be declared under permissions.external in manifest.yml';
  return `Content security policy blocked ${blocked === 'inline' ? 'an inline resource' : blocked} (${directive}) in ${page}; Forge would block it too: ${hint}.`;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** Forge refuses an oversized invocation payload with a 413-style error; the bridge rejects the invoke. */
function payloadTooLarge(which: 'request' | 'response', bytes: number): string {
  const limit = which === 'request' ? '500 KB' : '5 MB';
  return `Payload Too Large: the invocation ${which} is ${Math.ceil(bytes / 1024)} KB; Forge allows at most ${limit}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpFailure(400, 'The request body is not JSON');
  }
}

function safeBack(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

export function createRequestHandler(ctx: HostContext): (req: IncomingMessage, res: ServerResponse) => void {
  const impersonationState = (): 'granted' | 'refused' | 'not-declared' =>
    ctx.manifest.impersonationScopes.length === 0
      ? 'not-declared'
      : ctx.viewer.impersonationGranted()
        ? 'granted'
        : 'refused';
  const modulesOf = (type: UiModule['type']) => ctx.manifest.uiModules.filter((m) => m.type === type);
  const moduleTypes = Object.fromEntries(ctx.manifest.uiModules.map((m) => [m.key, m.type]));
  /** A transition Jira refused, shown once on the issue view it came from. */
  const refusals = new RefusalFlash();

  async function actingUser(req: IncomingMessage): Promise<{ acting: ShellUser; users: ShellUser[] }> {
    const users = await ctx.users();
    const wanted = cookies(req)[ACT_AS_COOKIE];
    const acting = users.find((u) => u.accountId === wanted) ?? users.find((u) => u.active) ?? users[0];
    if (!acting) throw new HttpFailure(500, 'The site has no users to act as');
    return { acting, users };
  }

  function colorModeOf(req: IncomingMessage): ColorMode {
    return cookies(req)[THEME_COOKIE] === 'dark' ? 'dark' : 'light';
  }

  function identityOf(user: ShellUser): ProductIdentity {
    return { kind: 'user', accountId: user.accountId };
  }

  /**
   * A page module opened at a path below its base URL (`…/apps/<module>/mute`, as the email's mute link does):
   * the frame's page history starts there, as Jira hands the rest of the URL to `view.createHistory()`.
   */
  const historyPaths = new Map<string, string>();

  function frameView(record: FrameRecord, colorMode: ColorMode): FrameView {
    const path = historyPaths.get(record.token);
    return {
      module: record.module,
      token: record.token,
      src: `/resources/${encodeURIComponent(record.resource)}/index.html?frame=${record.token}&theme=${colorMode}${path ? `&path=${encodeURIComponent(path)}` : ''}`,
      iconUrl: iconUrlOf(record.module),
    };
  }

  function iconUrlOf(module: UiModule): string | null {
    const icon = module.icon;
    return icon ? `/resources/${encodeURIComponent(icon.resource)}/${icon.path}` : null;
  }

  /**
   * An issue context's header as its `dynamicProperties` function says (title, label, status), over the
   * manifest's static values. Called as the viewing user with the module's context in the payload; a failing
   * or malformed answer keeps the static values (and is logged), as Jira keeps rendering the issue.
   */
  async function contextHeader(
    module: UiModule,
    acting: ShellUser,
    extension: ExtensionContext,
  ): Promise<{ title: string; label: string; status: ModuleStatus | null }> {
    const fallback = { title: module.title, label: module.label ?? module.title, status: module.status };
    if (!module.dynamicPropertiesFunction) return fallback;
    const context = {
      accountId: acting.accountId,
      cloudId: ctx.functions.app.cloudId,
      moduleKey: module.key,
      extension,
    };
    try {
      const answer = dynamicProperties.parse(
        await ctx.functions.call(
          module.dynamicPropertiesFunction,
          [
            { context },
            {
              principal: { accountId: acting.accountId },
              installContext: `ari:cloud:jira::site/${ctx.functions.app.cloudId}`,
            },
          ],
          {
            kind: 'dynamicProperties',
            moduleKey: module.key,
            moduleType: module.type,
            detail: 'dynamicProperties',
            accountId: acting.accountId,
            timeoutMs: RESOLVER_TIMEOUT_MS,
          },
        ),
      );
      return {
        title: answer.title ?? fallback.title,
        label: answer.label ?? fallback.label,
        status: answer.status ?? fallback.status,
      };
    } catch (error) {
      ctx.log(
        `dynamicProperties of ${module.key} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return fallback;
    }
  }

  function register(
    module: UiModule,
    acting: ShellUser,
    extension: ExtensionContext,
    colorMode: ColorMode,
  ): FrameRecord {
    return ctx.frames.register({
      module,
      accountId: acting.accountId,
      extension,
      siteUrl: ctx.url(),
      colorMode,
    });
  }

  /** What the issue view compares to notice a change: the site's change version, else the `updated` time. */
  async function issueVersionOf(
    jira: ShellJira,
    issue: { id: string; key: string },
  ): Promise<{ version: string; atlassianId: string | null }> {
    if (ctx.issueVersion) return ctx.issueVersion(issue.id);
    return { version: `u${(await jira.issue(issue.key)).updated ?? ''}`, atlassianId: null };
  }

  /** An issue, its project and the Forge context refs of its modules, read as the viewing user. */
  async function issueRefs(
    jira: ShellJira,
    key: string,
  ): Promise<{
    issue: ShellIssue;
    project: ShellProject | null;
    issueRef: IssueRef;
    projectRef: ProjectRef;
  }> {
    const issue = await jira.issue(key);
    const project = issue.project ? await jira.project(issue.project.key) : null;
    return {
      issue,
      project,
      issueRef: { id: issue.id, key: issue.key, type: issue.type.name, typeId: issue.type.id },
      projectRef: {
        id: project?.id ?? issue.project?.id ?? '',
        key: project?.key ?? issue.project?.key ?? '',
        type: project?.type ?? 'software',
      },
    };
  }

  /**
   * What display conditions read on an issue view: the issue and project, and their entity properties read as
   * the viewer (each at most once per page). A property the viewer cannot read counts as missing, so the
   * condition is false, as in Jira.
   */
  function displayFacts(acting: ShellUser, issueRef: IssueRef, projectRef: ProjectRef): DisplayFacts {
    const read = new Map<string, Promise<unknown>>();
    return {
      issue: { id: issueRef.id, key: issueRef.key, type: issueRef.type },
      project: { id: projectRef.id, key: projectRef.key },
      property(entity, key) {
        const owner = entity === 'issue' ? `issue/${issueRef.id}` : `project/${projectRef.id}`;
        const path = `/rest/api/3/${owner}/properties/${encodeURIComponent(key)}`;
        let value = read.get(path);
        if (!value) {
          value = ctx.product.request(identityOf(acting), path, { method: 'GET' }).then(async (response) => {
            if (response.status === 404) return undefined;
            if (!response.ok) {
              ctx.log(`display condition: GET ${path} answered ${response.status}; the module is hidden`);
              return undefined;
            }
            return ((await response.json()) as { value?: unknown }).value;
          });
          read.set(path, value);
        }
        return value;
      },
    };
  }

  async function displayedModules(type: UiModule['type'], facts: DisplayFacts): Promise<UiModule[]> {
    const modules = modulesOf(type);
    const shown = await Promise.all(modules.map((m) => isDisplayed(m.displayConditions, facts)));
    return modules.filter((_, i) => shown[i]);
  }

  /**
   * The project sidebar as the viewer sees it: Jira shows project settings pages only to project admins and
   * Jira admins (the page itself refuses others too), so the settings links are left out for anyone else.
   */
  async function sidebarFor(jira: ShellJira, project: ShellProject, current: string): Promise<SidebarModel> {
    const settings = modulesOf('jira:projectSettingsPage');
    const admin =
      settings.length > 0 &&
      (await jira.canAdministerProject(project.key).catch((error: unknown) => {
        ctx.log(
          `could not ask Jira whether the viewer administers ${project.key} (${error instanceof Error ? error.message : String(error)}): the settings link is hidden`,
        );
        return false;
      }));
    return { project, current, pages: modulesOf('jira:projectPage'), settings: admin ? settings : [] };
  }

  async function page(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { acting, users } = await actingUser(req);
    const colorMode = colorModeOf(req);
    const jira = new ShellJira(ctx.product, identityOf(acting));
    const faults = ctx.faults ? await ctx.faults.get().catch(() => null) : null;
    const chrome = (projectKey: string | null, issue: PageIssue | null = null): Chrome => ({
      colorMode,
      acting,
      users,
      site: { mode: ctx.product.mode, url: ctx.product.siteUrl, readOnly: ctx.readOnly },
      modules: moduleTypes,
      projectKey,
      currentPath: url.pathname + url.search,
      consented: ctx.viewer.hasConsent(acting.accountId),
      faults,
      issue,
      impersonation: impersonationState(),
    });
    const render = (
      status: number,
      title: string,
      body: Parameters<typeof layout>[0]['body'],
      projectKey: string | null,
      sidebar?: SidebarModel,
      issue: PageIssue | null = null,
    ) => sendHtml(res, status, layout({ chrome: chrome(projectKey, issue), title, body, sidebar }));
    const path = url.pathname;

    if (path === '/sandbox/outbox') {
      if (!ctx.outbox) {
        render(
          404,
          'Outbox',
          messageBody('No outbox', 'A real site sends real email: there is no outbox.'),
          null,
        );
        return;
      }
      const messages = z
        .object({ messages: z.array(outboxMessageSchema) })
        .parse(await ctx.outbox()).messages;
      const body = outboxBody({
        messages,
        impersonation: impersonationState(),
        ran: url.searchParams.get('ran'),
        outgoingMail: ctx.outgoingMail ? await ctx.outgoingMail.get() : true,
      });
      render(200, 'Outbox', body, null);
      return;
    }
    if (path === '/' || path === '/jira/projects') {
      const projects = await jira.projects(() => ctx.projectKeys());
      render(200, 'Projects', projectsBody(projects), null);
      return;
    }
    const issues = /^\/jira\/software\/projects\/([^/]+)\/issues\/?$/.exec(path);
    if (issues?.[1]) {
      const project = await jira.project(decodeURIComponent(issues[1]));
      const all = await jira.search(`project = "${project.key}"`);
      const types = [...new Set(all.issues.map((i) => i.type.name))].sort();
      const type = url.searchParams.get('type');
      const shown = type ? all.issues.filter((i) => i.type.name === type) : all.issues;
      render(
        200,
        `Issues - ${project.name}`,
        issuesBody({ project, issues: shown, truncated: all.truncated, types, type }),
        project.key,
        await sidebarFor(jira, project, 'issues'),
      );
      return;
    }
    const browse = /^\/browse\/([^/]+)$/.exec(path);
    if (browse?.[1]) {
      const requestedKey = decodeURIComponent(browse[1]);
      // Taken before the issue is read: a change in between then shows as a change on the first poll.
      const versionBefore = ctx.issueVersion?.(requestedKey) ?? null;
      const { issue, project, issueRef, projectRef } = await issueRefs(jira, requestedKey);
      const children = await jira.search(`parent = "${issue.key}"`, 200);
      const pageIssue: PageIssue = {
        id: issue.id,
        key: issue.key,
        projectId: projectRef.id,
        version: versionBefore?.version ?? `u${issue.updated ?? ''}`,
      };
      // Modules whose display conditions are false on this issue are not placed at all.
      const facts = displayFacts(acting, issueRef, projectRef);
      // Issue panels appear once someone clicks the app's button on this issue (Jira remembers it per
      // issue); until then only the button shows.
      const panelModules = await displayedModules('jira:issuePanel', facts);
      const panels = panelModules
        .filter((module) => ctx.viewer.isPanelAdded(issue.id, module.key))
        .map((module) =>
          frameView(
            register(
              module,
              acting,
              { type: 'jira:issuePanel', issue: issueRef, project: projectRef, isNewToIssue: false },
              colorMode,
            ),
            colorMode,
          ),
        );
      const buttons = panelModules
        .filter((module) => !ctx.viewer.isPanelAdded(issue.id, module.key))
        .map((module) => ({ module, iconUrl: iconUrlOf(module) }));
      // Issue contexts are on every issue, collapsed until this user opens them (remembered per user); the
      // iframe exists only while expanded.
      const contexts: ContextView[] = await Promise.all(
        (await displayedModules('jira:issueContext', facts)).map(async (module) => {
          const extension: ExtensionContext = {
            type: 'jira:issueContext',
            issue: issueRef,
            project: projectRef,
          };
          const expanded = ctx.viewer.isContextExpanded(acting.accountId, module.key);
          return {
            module,
            ...(await contextHeader(module, acting, extension)),
            expanded,
            frame: expanded ? frameView(register(module, acting, extension, colorMode), colorMode) : null,
          };
        }),
      );
      const workflow = workflowSection({
        issueKey: issue.key,
        transitions: await jira.transitions(issue.key),
        refusal: refusals.take(acting.accountId, issue.key),
        back: url.pathname + url.search,
      });
      render(
        200,
        `${issue.key} ${issue.summary}`,
        issueBody({
          project,
          issue,
          children: children.issues,
          panels,
          buttons,
          contexts,
          workflow,
          back: url.pathname + url.search,
        }),
        project?.key ?? null,
        project ? await sidebarFor(jira, project, 'issues') : undefined,
        pageIssue,
      );
      return;
    }
    const moduleRoute = projectModuleRoute(path, ctx.manifest, ctx.functions.app);
    if (moduleRoute) {
      const { settings, module } = moduleRoute;
      const project = await jira.project(moduleRoute.projectKey);
      const record = register(
        module,
        acting,
        {
          type: module.type as 'jira:projectPage',
          project: { id: project.id, key: project.key, type: project.type },
        },
        colorMode,
      );
      const below = moduleRoute.below;
      if (below) historyPaths.set(record.token, below);
      // Kept like the frames themselves: the oldest go first.
      if (historyPaths.size > 2000) historyPaths.delete(historyPaths.keys().next().value ?? '');
      render(
        200,
        `${module.title} - ${project.name}`,
        moduleBody({ project, frame: frameView(record, colorMode), settings }),
        project.key,
        await sidebarFor(jira, project, module.key),
      );
      return;
    }
    const settingsIndex = /^\/jira\/software\/projects\/([^/]+)\/settings\/?$/.exec(path);
    if (settingsIndex?.[1]) {
      const project = await jira.project(decodeURIComponent(settingsIndex[1]));
      const settingsModules = modulesOf('jira:projectSettingsPage');
      const first = settingsModules[0];
      if (settingsModules.length === 1 && first) {
        redirect(
          res,
          `/jira/software/projects/${encodeURIComponent(project.key)}/settings/apps/${first.key}`,
        );
        return;
      }
      render(
        200,
        `Settings - ${project.name}`,
        settingsIndexBody(project, settingsModules),
        project.key,
        await sidebarFor(jira, project, 'settings'),
      );
      return;
    }
    const projectHome = /^\/jira\/software\/projects\/([^/]+)\/?$/.exec(path);
    if (projectHome?.[1]) {
      redirect(res, projectUrl(decodeURIComponent(projectHome[1])));
      return;
    }
    render(404, 'Not found', messageBody('Page not found', `Nothing lives at ${path}.`), null);
  }

  async function bridge(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = bridgeRequest.safeParse(parseJson(await readBody(req)));
    if (!request.success) throw new HttpFailure(400, 'Invalid bridge request');
    const frame = ctx.frames.get(request.data.frame);
    if (!frame) {
      sendJson(res, 200, {
        ok: false,
        error: 'This app view has expired (the host restarted). Reload the page.',
      });
      return;
    }
    switch (request.data.type) {
      case 'getContext':
        sendJson(res, 200, { ok: true, result: frame.context });
        return;
      case 'invoke': {
        const call = invokePayload.parse(request.data.payload);
        const functionKey = frame.module.resolverFunction;
        if (!functionKey) {
          sendJson(res, 200, {
            ok: false,
            error: `Module ${frame.module.key} has no resolver in manifest.yml`,
          });
          return;
        }
        const requestBytes = jsonBytes(call.payload ?? {});
        if (requestBytes > INVOKE_REQUEST_LIMIT_BYTES) {
          sendJson(res, 200, { ok: false, error: payloadTooLarge('request', requestBytes) });
          return;
        }
        const { theme: _theme, ...context } = frame.context;
        const signals: InvocationSignals = {};
        try {
          const result = await ctx.functions.call(
            functionKey,
            [
              { call: { functionKey: call.functionKey, payload: call.payload, jobId: undefined }, context },
              {
                principal: { accountId: frame.accountId },
                installContext: `ari:cloud:jira::site/${frame.context.cloudId}`,
                license: undefined,
                installation: undefined,
              },
            ],
            {
              kind: 'resolver',
              moduleKey: frame.module.key,
              moduleType: frame.module.type,
              detail: call.functionKey,
              accountId: frame.accountId,
              timeoutMs: RESOLVER_TIMEOUT_MS,
              signals,
            },
          );
          const responseBytes = result === undefined ? 0 : jsonBytes(result);
          if (responseBytes > INVOKE_RESPONSE_LIMIT_BYTES) {
            ctx.log(
              `resolver ${functionKey} (${call.functionKey}): ${payloadTooLarge('response', responseBytes)}`,
            );
            sendJson(res, 200, { ok: false, error: payloadTooLarge('response', responseBytes) });
            return;
          }
          // The resolver may have caught the NeedsAuthenticationError itself: Jira still asks for consent.
          sendJson(res, 200, {
            ok: true,
            result,
            ...(signals.needsAuthentication ? { needsAuthentication: true } : {}),
          });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const needsAuthentication =
            signals.needsAuthentication || (error as { name?: unknown }).name === 'NEEDS_AUTHENTICATION_ERR';
          if (!needsAuthentication)
            ctx.log(
              `resolver ${functionKey} (${call.functionKey}) failed: ${error instanceof Error ? (error.stack ?? message) : message}`,
            );
          sendJson(res, 200, {
            ok: false,
            error: `There was an error invoking the function - ${message}`,
            ...(needsAuthentication ? { needsAuthentication: true } : {}),
          });
        }
        return;
      }
      case 'fetchProduct': {
        const fetchRequest = fetchProductPayload.parse(request.data.payload);
        if (fetchRequest.product !== 'jira') {
          sendJson(res, 200, {
            ok: false,
            error: `The local Forge host serves Jira only, not ${fetchRequest.product}`,
          });
          return;
        }
        const init = fetchRequest.fetchRequestInit ?? {};
        const response = await ctx.appProduct.request(
          { kind: 'user', accountId: frame.accountId },
          fetchRequest.restPath,
          {
            method: init.method ?? 'GET',
            headers: init.headers ?? [],
            ...(init.body ? { body: init.body } : {}),
          },
        );
        sendJson(res, 200, {
          ok: true,
          result: {
            status: response.status,
            statusText: response.statusText,
            headers: Object.fromEntries(response.headers.entries()),
            body: await response.text(),
            isAttachment: false,
          },
        });
        return;
      }
      default:
        sendJson(res, 200, { ok: false, error: `The host does not handle ${request.data.type}` });
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host.local');
    const method = req.method ?? 'GET';
    const path = url.pathname;

    if (method === 'GET' && path.startsWith('/_host/')) {
      const assets: Record<string, [string, string]> = {
        '/_host/shell.js': ['text/javascript; charset=utf-8', ctx.assets.shellJs],
        '/_host/bridge.js': ['text/javascript; charset=utf-8', ctx.assets.bridgeJs],
        '/_host/shell.css': ['text/css; charset=utf-8', ctx.assets.shellCss],
        '/_host/tokens.css': ['text/css; charset=utf-8', ctx.assets.tokensCss],
        '/_host/favicon.svg': ['image/svg+xml', FAVICON],
      };
      const asset = assets[path];
      if (asset) return send(res, 200, { 'content-type': asset[0], 'cache-control': 'no-cache' }, asset[1]);
      if (path === '/_host/health') return sendJson(res, 200, { ok: true, site: ctx.product.mode });
      if (path === '/_host/invocations') return sendJson(res, 200, ctx.functions.recent());
      if (path === '/_host/deliveries') return sendJson(res, 200, ctx.queue.list());
    }
    if (method === 'GET' && path === '/_host/issue-changes') {
      const query = issueChangesQuery.parse(Object.fromEntries(url.searchParams));
      const { acting } = await actingUser(req);
      const jira = new ShellJira(ctx.product, identityOf(acting));
      return sendJson(res, 200, {
        ok: true,
        result: await issueVersionOf(jira, { id: query.issueId, key: query.issueKey }),
      });
    }
    if (method === 'GET' && path === '/_host/issue-context-header') {
      const query = contextHeaderQuery.parse(Object.fromEntries(url.searchParams));
      const module = modulesOf('jira:issueContext').find((m) => m.key === query.module);
      if (!module) throw new HttpFailure(400, `manifest.yml has no issue context ${query.module}`);
      const { acting } = await actingUser(req);
      const jira = new ShellJira(ctx.product, identityOf(acting));
      const { issueRef, projectRef } = await issueRefs(jira, query.issueKey);
      const header = await contextHeader(module, acting, {
        type: 'jira:issueContext',
        issue: issueRef,
        project: projectRef,
      });
      const status = moduleStatusView(header.status);
      return sendJson(res, 200, {
        ok: true,
        result: { label: header.label, statusHtml: typeof status === 'string' ? status : status.value },
      });
    }
    if (method === 'POST' && path === '/_host/bridge') return bridge(req, res);
    if (method === 'POST' && path === '/_host/act-as') {
      const form = new URLSearchParams(await readBody(req));
      const accountId = form.get('accountId') ?? '';
      const users = await ctx.users();
      if (!users.some((u) => u.accountId === accountId)) throw new HttpFailure(400, 'Unknown user');
      return redirect(res, safeBack(form.get('back') ?? undefined), {
        'set-cookie': `${ACT_AS_COOKIE}=${encodeURIComponent(accountId)}; Path=/; SameSite=Lax; HttpOnly`,
      });
    }
    if (method === 'POST' && path === '/_host/issue-context') {
      const form = contextForm.parse(Object.fromEntries(new URLSearchParams(await readBody(req))));
      if (!modulesOf('jira:issueContext').some((m) => m.key === form.module))
        throw new HttpFailure(400, `manifest.yml has no issue context ${form.module}`);
      const { acting } = await actingUser(req);
      await ctx.viewer.setContextExpanded(acting.accountId, form.module, form.expanded === '1');
      return redirect(res, safeBack(form.back));
    }
    if (method === 'POST' && path === '/_host/issue-panel') {
      const form = panelForm.parse(Object.fromEntries(new URLSearchParams(await readBody(req))));
      if (!modulesOf('jira:issuePanel').some((m) => m.key === form.module))
        throw new HttpFailure(400, `manifest.yml has no issue panel ${form.module}`);
      await ctx.viewer.setPanelAdded(form.issueId, form.module, form.added === '1');
      return redirect(res, safeBack(form.back));
    }
    if (method === 'POST' && path === '/_host/transition') {
      const form = transitionForm.parse(Object.fromEntries(new URLSearchParams(await readBody(req))));
      const { acting } = await actingUser(req);
      await takeTransition(new ShellJira(ctx.product, identityOf(acting)), form, refusals, acting.accountId);
      return redirect(res, safeBack(form.back));
    }
    if (method === 'POST' && path === '/_host/consent') {
      const form = consentForm.parse(Object.fromEntries(new URLSearchParams(await readBody(req))));
      const { acting } = await actingUser(req);
      await ctx.viewer.setConsent(acting.accountId, form.granted === '1');
      ctx.log(
        `${acting.displayName} ${form.granted === '1' ? 'allowed' : 'revoked'} the app's access to act as them`,
      );
      return redirect(res, safeBack(form.back));
    }
    if (method === 'POST' && path === '/_host/impersonation') {
      const form = consentForm.parse(Object.fromEntries(new URLSearchParams(await readBody(req))));
      await ctx.viewer.setImpersonation(form.granted === '1');
      ctx.log(`offline user impersonation ${form.granted === '1' ? 'granted' : 'refused'} for the site`);
      return redirect(res, safeBack(form.back));
    }
    if (method === 'POST' && path === '/_host/outgoing-mail') {
      if (!ctx.outgoingMail)
        throw new HttpFailure(400, 'Outgoing mail can be switched for the embedded site only');
      const form = consentForm.parse(Object.fromEntries(new URLSearchParams(await readBody(req))));
      await ctx.outgoingMail.set(form.granted === '1');
      ctx.log(`outgoing mail ${form.granted === '1' ? 'on' : 'off'} for the embedded site`);
      return redirect(res, safeBack(form.back));
    }
    if (method === 'POST' && path === '/_host/notify/run-now') {
      const result = await ctx.runScheduled(NOTIFY_TRIGGER_KEY).then(
        (r) => describeRun(r),
        (error: unknown) => `The run failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return redirect(res, `/sandbox/outbox?ran=${encodeURIComponent(result)}`);
    }
    if (method === 'POST' && path === '/_host/modal') {
      const request = modalRequest.parse(parseJson(await readBody(req)));
      const opener = ctx.frames.get(request.frame);
      if (!opener)
        throw new HttpFailure(404, 'This app view has expired (the host restarted). Reload the page.');
      const resource = request.resource ?? opener.resource;
      if (!ctx.manifest.resources.has(resource))
        throw new HttpFailure(400, `manifest.yml has no resource ${resource} for the modal`);
      // The modal runs as its opener's module, for the same user, with the opener's `context` under
      // `extension.modal` (the trusted context still comes from the host, never from the request).
      const record = ctx.frames.register({
        module: opener.module,
        accountId: opener.accountId,
        extension: {
          ...opener.context.extension,
          ...(request.context === undefined ? {} : { modal: request.context }),
        },
        siteUrl: ctx.url(),
        colorMode: colorModeOf(req),
        resource,
        openerToken: opener.token,
      });
      return sendJson(res, 200, { ok: true, result: frameView(record, colorModeOf(req)) });
    }
    const sandboxControl = /^\/_host\/sandbox\/(latency|rate-limit|server-errors|large-project|plan)$/.exec(
      path,
    );
    if (method === 'POST' && sandboxControl?.[1]) {
      if (!ctx.faults) throw new HttpFailure(400, 'Faults can be switched on for the embedded site only');
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const count = (name: string, max: number) => z.coerce.number().int().min(0).max(max).parse(form[name]);
      switch (sandboxControl[1]) {
        case 'latency':
          await ctx.faults.setLatency(count('latencyMs', 60_000));
          break;
        case 'rate-limit':
          ctx.faults.rateLimitBurst(count('count', 1000), count('retryAfterSeconds', 3600));
          break;
        case 'server-errors':
          ctx.faults.serverErrorBurst(count('count', 1000));
          break;
        case 'plan':
          await ctx.faults.setPlan(z.enum(['free', 'standard']).parse(form.plan));
          break;
        default:
          await ctx.faults.generateLargeProject(Math.max(1, count('issues', 100_000)));
      }
      return redirect(res, safeBack(form.back));
    }
    const scheduled = /^\/_host\/scheduled\/([^/]+)$/.exec(path);
    if (method === 'POST' && scheduled?.[1]) {
      try {
        return sendJson(res, 200, {
          ok: true,
          result: await ctx.runScheduled(decodeURIComponent(scheduled[1])),
        });
      } catch (error) {
        return sendJson(res, error instanceof HttpFailure ? error.status : 500, {
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    if (method === 'POST' && path === '/_host/csp-report') {
      ctx.log(describeCspReport(await readBody(req)));
      return send(res, 204, {}, '');
    }
    const resource = /^\/resources\/([^/]+)\/(.*)$/.exec(path);
    if (method === 'GET' && resource?.[1] !== undefined) {
      const dir = ctx.resourceDir(decodeURIComponent(resource[1]));
      if (!dir) throw new HttpFailure(404, `manifest.yml has no resource ${resource[1]}`);
      const served = serveResource({
        dir,
        path: resource[2] ?? '',
        manifest: ctx.manifest,
        frame: url.searchParams.get('frame'),
        colorMode: url.searchParams.get('theme') === 'dark' ? 'dark' : 'light',
        csp: ctx.csp,
        ifNoneMatch: req.headers['if-none-match'],
      });
      return send(res, served.status, served.headers, served.body);
    }
    if (method === 'GET' && !path.startsWith('/_host/')) return page(req, res, url);
    throw new HttpFailure(404, `No route for ${method} ${path}`);
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      const unreachable = isUnreachable(error);
      const status =
        error instanceof HttpFailure || error instanceof ShellJiraError
          ? error.status
          : error instanceof z.ZodError
            ? 400
            : unreachable
              ? 502
              : 500;
      const message = unreachable
        ? `The Jira site at ${ctx.product.siteUrl} did not answer. If it is the embedded site, start the sandbox again with \`npm start\`.`
        : error instanceof Error
          ? error.message
          : String(error);
      if (status >= 500)
        ctx.log(
          `${req.method ?? 'GET'} ${req.url ?? ''} failed: ${error instanceof Error ? (error.stack ?? message) : message}`,
        );
      if (res.headersSent) return res.end();
      const accept = req.headers.accept ?? '';
      if (req.method === 'GET' && accept.includes('text/html')) {
        const title =
          status === 404
            ? 'Not found'
            : status === 403 || status === 401
              ? 'No access'
              : 'Something went wrong';
        void actingUser(req)
          .catch(() => ({
            acting: { accountId: '', displayName: '—', active: true, email: null },
            users: [],
          }))
          .then(({ acting, users }) => {
            const chrome: Chrome = {
              colorMode: colorModeOf(req),
              acting,
              users,
              site: { mode: ctx.product.mode, url: ctx.product.siteUrl, readOnly: ctx.readOnly },
              modules: moduleTypes,
              projectKey: null,
              currentPath: req.url ?? '/',
              consented: ctx.viewer.hasConsent(acting.accountId),
              faults: null,
            };
            sendHtml(res, status, layout({ chrome, title, body: messageBody(title, message) }));
          });
        return;
      }
      sendJson(res, status, { ok: false, error: message });
    });
  };
}

/** `fetch` failing before any answer (connection refused, DNS): the site is down, not the host. */
// By name, not `instanceof TypeError`: fetch may throw from another realm (a VM context's TypeError differs).
function isUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'TypeError' && message === 'fetch failed';
}

/**
 * A project page or project settings page address, in either form the shell serves: Jira's own,
 * `/jira/{type}/projects/{KEY}/[settings/]apps/{appId}/{envId}[/sub/path]` (what the app links to, e.g. the
 * digest's mute link; Jira names no module there, so it is the app's first module of that type), or the shell's
 * `/jira/software/projects/{KEY}/[settings/]apps/{moduleKey}[/sub/path]`. `below` is the sub-path the page's
 * history starts at. Null when the path is neither; a 404 when it names a module manifest.yml does not have.
 */
export function projectModuleRoute(
  path: string,
  manifest: AppManifest,
  app: { appId: string; environmentId: string },
): { projectKey: string; settings: boolean; module: UiModule; below: string | undefined } | null {
  const match = /^\/jira\/[a-z]+\/projects\/([^/]+)\/(settings\/)?apps\/([^/]+)(\/[^?#]*)?$/.exec(path);
  if (!match?.[1] || !match[3]) return null;
  const settings = Boolean(match[2]);
  const type = settings ? 'jira:projectSettingsPage' : 'jira:projectPage';
  const what = settings ? 'project settings page' : 'project page';
  let rest = match[4] ?? '';
  let module: UiModule | undefined;
  if (match[3] === app.appId) {
    const env = /^\/([^/]+)(\/.*)?$/.exec(rest);
    if (env?.[1] !== app.environmentId)
      throw new HttpFailure(
        404,
        `This app is installed in environment ${app.environmentId}, not ${env?.[1] ?? '(none)'}: no ${what} here`,
      );
    rest = env[2] ?? '';
    module = manifest.uiModules.find((m) => m.type === type);
  } else {
    module = manifest.uiModules.find((m) => m.key === match[3] && m.type === type);
  }
  if (!module) throw new HttpFailure(404, `manifest.yml has no ${what} ${match[3]}`);
  const below = rest.replace(/\/+$/, '');
  return {
    projectKey: decodeURIComponent(match[1]),
    settings,
    module,
    below: below === '' ? undefined : below,
  };
}
