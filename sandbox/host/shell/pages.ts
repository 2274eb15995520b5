// The shell's pages, rendered on the server: a Jira-like frame (top bar with the acting user and the theme
// switch, a project sidebar listing the app's project pages and settings pages from manifest.yml), the
// project list, the issue list, the issue view (app issue panels on the right) and full-page modules.
import type { ModuleStatus, UiModule } from '../manifest';
import { html, jsonScript, raw, type Html } from './html';
import type { ShellIssue, ShellProject, ShellUser } from './jira-view';

export type ColorMode = 'light' | 'dark';

export interface Chrome {
  colorMode: ColorMode;
  acting: ShellUser;
  /** Everyone the sandbox can act as; a single entry in real-site mode. */
  users: ShellUser[];
  site: { mode: 'embedded' | 'real'; url: string; readOnly: boolean };
  /** Modules by key -> type, for the shell script's router. */
  modules: Record<string, string>;
  projectKey: string | null;
  /** Where the user switch returns to. */
  currentPath: string;
  /** Whether the acting user has allowed the app to act as them (asUser()). */
  consented: boolean;
  /** The sandbox's switchable faults; null when they cannot be changed (a real site). */
  faults: SandboxFaults | null;
  /** Offline user impersonation for the site (the notification run's asUser(accountId)). */
  impersonation?: 'granted' | 'refused' | 'not-declared';
  /** The issue an issue view shows, for the shell script to watch for changes; absent elsewhere. */
  issue?: PageIssue | null;
}

/** The issue on an issue view, and its change version when the page was rendered. */
export interface PageIssue {
  id: string;
  key: string;
  projectId: string;
  version: string;
}

export interface SandboxFaults {
  latencyMs: number;
  /** 429 answers still to come (each with Retry-After). */
  rateLimitedLeft: number;
  retryAfterSeconds: number;
  /** 5xx answers still to come. */
  serverErrorsLeft: number;
  /** The site's Jira plan: on Free the license says FREE and custom project roles are gone. */
  plan: 'free' | 'standard';
}

export interface SidebarModel {
  project: ShellProject;
  current: string;
  pages: UiModule[];
  settings: UiModule[];
}

export interface FrameView {
  module: UiModule;
  token: string;
  src: string;
  iconUrl: string | null;
}

/** A `jira:issueContext` section: its header (label, status) always, its iframe only while expanded. */
export interface ContextView {
  module: UiModule;
  title: string;
  label: string;
  status: ModuleStatus | null;
  expanded: boolean;
  frame: FrameView | null;
}

/** Forge's sandbox flags on Custom UI iframes: scripts, forms, modals, downloads, same origin; no pop-ups. */
export const IFRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-modals allow-downloads';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function projectUrl(key: string): string {
  return `/jira/software/projects/${encodeURIComponent(key)}/issues`;
}

export function moduleUrl(projectKey: string, module: UiModule): string {
  const base = `/jira/software/projects/${encodeURIComponent(projectKey)}`;
  return module.type === 'jira:projectSettingsPage'
    ? `${base}/settings/apps/${module.key}`
    : `${base}/apps/${module.key}`;
}

export function issueUrl(key: string): string {
  return `/browse/${encodeURIComponent(key)}`;
}

function typeIcon(type: { name: string; hierarchyLevel: number }): Html {
  const name = type.name.toLowerCase();
  const kind =
    type.hierarchyLevel >= 1
      ? 'strategy'
      : type.hierarchyLevel < 0
        ? 'subtask'
        : name === 'bug'
          ? 'bug'
          : name === 'story'
            ? 'execution'
            : 'task';
  return html`<span class="type-icon type-icon--${kind}" title="${type.name}" aria-label="${type.name}"
    >${type.name.slice(0, 1).toUpperCase()}</span
  >`;
}

function statusLozenge(status: { name: string; category: string }): Html {
  const kind =
    status.category === 'done' ? 'done' : status.category === 'indeterminate' ? 'indeterminate' : 'new';
  return html`<span class="lozenge lozenge--${kind}">${status.name}</span>`;
}

function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

function topBar(chrome: Chrome): Html {
  const userControl =
    chrome.users.length > 1
      ? html`<form method="post" action="/_host/act-as">
          <input type="hidden" name="back" value="${chrome.currentPath}" />
          <select id="act-as" name="accountId" aria-label="Acting as">
            ${chrome.users.map(
              (u) =>
                html`<option
                  value="${u.accountId}"
                  ${u.accountId === chrome.acting.accountId ? raw('selected') : ''}
                >
                  ${u.displayName}${u.roles?.length ? ` · ${u.roles.join(', ')}` : ''}${u.active ? '' : ' (inactive)'}
                </option>`,
            )}
          </select>
          <button type="submit" data-hide-when-scripted>Switch</button>
        </form>`
      : html`<span class="act-as__fixed">${chrome.acting.displayName}</span>`;
  return html`<header class="topbar">
    <a class="brand" href="/"
      ><span class="brand__logo" aria-hidden="true">J</span>Jira
      <span class="brand__tag">Role Split sandbox</span></a
    >
    <nav class="topbar__nav" aria-label="Main"><a href="/jira/projects">Projects</a></nav>
    <span class="topbar__spacer"></span>
    <div class="act-as">
      <span class="avatar" aria-hidden="true">${initials(chrome.acting.displayName)}</span>
      <span>Acting as</span>
      ${userControl}
    </div>
    ${sandboxMenu(chrome)}
    <button
      id="theme-toggle"
      class="icon-button"
      type="button"
      aria-pressed="${String(chrome.colorMode === 'dark')}"
      title="${chrome.colorMode === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}"
      aria-label="Dark theme"
    >
      ◐
    </button>
  </header>`;
}

function hidden(name: string, value: string): Html {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

/** The "Sandbox" menu: the acting user's consent, the faults anyone can switch on, and the site's plan. */
function sandboxMenu(chrome: Chrome): Html {
  const back = hidden('back', chrome.currentPath);
  const faults = chrome.faults;
  return html`<details class="sandbox-menu" id="sandbox-menu">
    <summary>Sandbox</summary>
    <div class="sandbox-menu__panel">
      <h3>Access for ${chrome.acting.displayName}</h3>
      ${
        chrome.consented
          ? html`<form method="post" action="/_host/consent">
              ${hidden('granted', '0')}${back}
              <span data-consent="granted">The app may act as this user.</span>
              <button class="button" type="submit" id="consent-revoke">Revoke access</button>
            </form>`
          : html`<form method="post" action="/_host/consent">
              ${hidden('granted', '1')}${back}
              <span data-consent="none">Not allowed yet: asUser() calls fail.</span>
              <button class="button" type="submit" id="consent-grant">Allow access</button>
            </form>`
      }
      ${
        faults
          ? html`<h3>Jira site faults</h3>
              <form method="post" action="/_host/sandbox/latency">
                ${back}
                <label for="fault-latency">Added latency (ms)</label>
                <input
                  id="fault-latency"
                  type="number"
                  name="latencyMs"
                  min="0"
                  max="60000"
                  value="${faults.latencyMs}"
                />
                <button class="button" type="submit">Set</button>
              </form>
              <form method="post" action="/_host/sandbox/rate-limit">
                ${back}
                <label for="fault-429">429 burst</label>
                <input id="fault-429" type="number" name="count" min="0" max="1000" value="5" />
                <label for="fault-retry-after">Retry-After s</label>
                <input
                  id="fault-retry-after"
                  type="number"
                  name="retryAfterSeconds"
                  min="0"
                  max="3600"
                  value="${faults.retryAfterSeconds}"
                />
                <button class="button" type="submit">Start</button>
                <span class="muted" data-fault="429">${faults.rateLimitedLeft} left</span>
              </form>
              <form method="post" action="/_host/sandbox/server-errors">
                ${back}
                <label for="fault-5xx">5xx burst</label>
                <input id="fault-5xx" type="number" name="count" min="0" max="1000" value="3" />
                <button class="button" type="submit">Start</button>
                <span class="muted" data-fault="5xx">${faults.serverErrorsLeft} left</span>
              </form>
              <h3>Notifications</h3>
              <p>
                <a href="/sandbox/outbox" id="outbox-link">Outbox</a>: every email sent, "run the scheduled
                job now", and offline impersonation (<span data-menu-impersonation
                  >${chrome.impersonation ?? 'not-declared'}</span
                >).
              </p>
              <h3>Site plan</h3>
              <form method="post" action="/_host/sandbox/plan">
                ${back}
                <label for="site-plan">Jira plan</label>
                <select id="site-plan" name="plan">
                  <option value="standard" ${faults.plan === 'standard' ? raw('selected') : ''}>
                    Standard (custom project roles)
                  </option>
                  <option value="free" ${faults.plan === 'free' ? raw('selected') : ''}>
                    Free (no custom project roles)
                  </option>
                </select>
                <button class="button" type="submit">Switch</button>
                <span class="muted" data-site-plan="${faults.plan}"
                  >now ${faults.plan === 'free' ? 'Free' : 'Standard'}</span
                >
              </form>
              <h3>Data</h3>
              <form method="post" action="/_host/sandbox/large-project">
                ${back}
                <label for="large-size">Large project, issues</label>
                <input id="large-size" type="number" name="issues" min="1" max="100000" value="5000" />
                <button class="button" type="submit">Generate</button>
              </form>`
          : ''
      }
    </div>
  </details>`;
}

function sidebar(model: SidebarModel): Html {
  const link = (href: string, label: string, key: string, badge = false) =>
    html`<a href="${href}" ${model.current === key ? raw('aria-current="page"') : ''}
      >${label}${badge ? html`<span class="sidebar__app-badge">APP</span>` : ''}</a
    >`;
  return html`<nav class="sidebar" aria-label="Project">
    <div class="sidebar__project">
      <span class="project-avatar" aria-hidden="true">${model.project.key.slice(0, 2)}</span>
      <div>
        <div class="sidebar__name">${model.project.name}</div>
        <div class="sidebar__type">Software project</div>
      </div>
    </div>
    <div class="sidebar__heading">Planning</div>
    ${link(projectUrl(model.project.key), 'Issues', 'issues')}
    ${model.pages.length > 0 ? html`<div class="sidebar__heading">Apps</div>` : ''}
    ${model.pages.map((m) => link(moduleUrl(model.project.key, m), m.title, m.key, true))}
    ${model.settings.length > 0 ? html`<div class="sidebar__heading">Project settings</div>` : ''}
    ${model.settings.map((m) => link(moduleUrl(model.project.key, m), m.title, m.key, true))}
  </nav>`;
}

export function layout(input: { chrome: Chrome; title: string; sidebar?: SidebarModel; body: Html }): string {
  const { chrome } = input;
  const banner =
    chrome.site.mode === 'real'
      ? html`<div class="banner">
          Connected to
          ${chrome.site.url}${chrome.site.readOnly ? ' — read-only: the app cannot change anything there.' : ' — writes are allowed.'}
        </div>`
      : '';
  return `<!doctype html>${
    html`<html lang="en" data-color-mode="${chrome.colorMode}" data-theme="dark:dark light:light spacing:spacing typography:typography shape:shape">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${input.title} - Jira (Role Split sandbox)</title>
  <link rel="icon" href="/_host/favicon.svg" />
  <link rel="stylesheet" href="/_host/tokens.css" />
  <link rel="stylesheet" href="/_host/shell.css" />
</head>
<body${input.sidebar ? '' : raw(' class="no-sidebar"')}>
  ${topBar(chrome)}
  ${input.sidebar ? sidebar(input.sidebar) : html`<div class="sidebar" aria-hidden="true"></div>`}
  <main class="main" id="main">${banner}${input.body}</main>
  <div class="flags" id="flags" aria-live="polite"></div>
  ${jsonScript('forge-host-page', {
    projectKey: chrome.projectKey,
    modules: chrome.modules,
    iframeSandbox: IFRAME_SANDBOX,
    issue: chrome.issue ?? null,
  })}
  <script src="/_host/shell.js" defer></script>
</body>
</html>`.value
  }`;
}

export function appFrame(frame: FrameView, variant: 'panel' | 'page' | 'context', removeForm?: Html): Html {
  return html`<section
    class="app-frame app-frame--${variant}"
    aria-label="${frame.module.title}"
    data-module="${frame.module.key}"
  >
    ${
      variant === 'panel'
        ? html`<div class="app-frame__header">
            ${frame.iconUrl ? html`<img src="${frame.iconUrl}" alt="" />` : ''}${frame.module.title}
            <span class="app-frame__tag">Forge app</span>
            ${removeForm ?? ''}
          </div>`
        : ''
    }
    <iframe
      data-frame="${frame.token}"
      data-autosize="1"
      title="${frame.module.title}"
      src="${frame.src}"
      sandbox="${IFRAME_SANDBOX}"
    ></iframe>
  </section>`;
}

export function projectsBody(projects: ShellProject[]): Html {
  return html`<h1>Projects</h1>
    ${
      projects.length === 0
        ? html`<div class="empty">You cannot browse any project as this user.</div>`
        : html`<div class="project-cards">
            ${projects.map(
              (p) =>
                html`<a class="project-card" href="${projectUrl(p.key)}">
                  <span class="project-avatar" aria-hidden="true">${p.key.slice(0, 2)}</span>
                  <span><strong>${p.name}</strong><br /><span class="muted">${p.key} · ${p.type}</span></span>
                </a>`,
            )}
          </div>`
    }`;
}

export function issuesBody(input: {
  project: ShellProject;
  issues: ShellIssue[];
  truncated: boolean;
  types: string[];
  type: string | null;
}): Html {
  const { project, issues } = input;
  const chip = (label: string, value: string | null) =>
    html`<a
      class="chip"
      href="${projectUrl(project.key)}${value ? `?type=${encodeURIComponent(value)}` : ''}"
      aria-current="${String(input.type === value)}"
      >${label}</a
    >`;
  return html`<div class="breadcrumbs">
      <a href="/jira/projects">Projects</a><span>/</span><span>${project.name}</span>
    </div>
    <h1>Issues</h1>
    <div class="filters" aria-label="Filter by type">
      ${chip('All', null)}${input.types.map((t) => chip(t, t))}
    </div>
    ${
      issues.length === 0
        ? html`<div class="empty">No issues to show.</div>`
        : html`<table class="issue-table" aria-label="Issues">
            <thead>
              <tr>
                <th style="width:40px">Type</th>
                <th style="width:110px">Key</th>
                <th>Summary</th>
                <th style="width:140px">Status</th>
                <th style="width:120px">Parent</th>
                <th style="width:160px">Assignee</th>
              </tr>
            </thead>
            <tbody>
              ${issues.map(
                (i) =>
                  html`<tr data-issue="${i.key}">
                    <td>${typeIcon(i.type)}</td>
                    <td><a href="${issueUrl(i.key)}">${i.key}</a></td>
                    <td><a href="${issueUrl(i.key)}">${i.summary}</a></td>
                    <td>${statusLozenge(i.status)}</td>
                    <td>
                      ${i.parent ? html`<a href="${issueUrl(i.parent.key)}">${i.parent.key}</a>` : html`<span class="muted">—</span>`}
                    </td>
                    <td>${i.assignee ?? html`<span class="muted">Unassigned</span>`}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${input.truncated ? html`<p class="muted">Showing the first ${issues.length} issues.</p>` : ''}`;
}

export function moduleStatusView(status: ModuleStatus | null): Html | string {
  if (!status) return '';
  if (status.type === 'lozenge') {
    return html`<span class="lozenge lozenge--app lozenge--${status.value.type ?? 'default'}" data-status
      >${status.value.label}</span
    >`;
  }
  if (status.type === 'badge') return html`<span class="badge" data-status>${status.value.label}</span>`;
  return status.value.url
    ? html`<img class="context__icon" src="${status.value.url}" alt="${status.value.label}" data-status />`
    : '';
}

function contextSection(context: ContextView, back: string): Html {
  return html`<section
    class="issue-context${context.expanded ? ' issue-context--expanded' : ''}"
    data-context="${context.module.key}"
    aria-label="${context.title}"
  >
    <form method="post" action="/_host/issue-context">
      <input type="hidden" name="module" value="${context.module.key}" />
      <input type="hidden" name="expanded" value="${context.expanded ? '0' : '1'}" />
      <input type="hidden" name="back" value="${back}" />
      <button class="issue-context__toggle" type="submit" aria-expanded="${String(context.expanded)}">
        <span class="issue-context__chevron" aria-hidden="true">${context.expanded ? '▾' : '▸'}</span>
        <span class="issue-context__label">${context.label}</span>
        ${moduleStatusView(context.status)}
      </button>
    </form>
    ${context.frame ? appFrame(context.frame, 'context') : ''}
  </section>`;
}

function panelButton(
  issueId: string,
  button: { module: UiModule; iconUrl: string | null },
  back: string,
): Html {
  return html`<form method="post" action="/_host/issue-panel" class="issue-apps__item">
    <input type="hidden" name="module" value="${button.module.key}" />
    <input type="hidden" name="issueId" value="${issueId}" />
    <input type="hidden" name="added" value="1" />
    <input type="hidden" name="back" value="${back}" />
    <button
      type="submit"
      class="app-button"
      data-add-panel="${button.module.key}"
      title="${button.module.title}"
    >
      ${button.iconUrl ? html`<img src="${button.iconUrl}" alt="" />` : ''}${button.module.title}
    </button>
  </form>`;
}

function removePanelForm(issueId: string, module: UiModule, back: string): Html {
  return html`<form method="post" action="/_host/issue-panel" class="app-frame__remove">
    <input type="hidden" name="module" value="${module.key}" />
    <input type="hidden" name="issueId" value="${issueId}" />
    <input type="hidden" name="added" value="0" />
    <input type="hidden" name="back" value="${back}" />
    <button type="submit" class="link-button" aria-label="Remove ${module.title} from this issue">
      Remove
    </button>
  </form>`;
}

export function issueBody(input: {
  project: ShellProject | null;
  issue: ShellIssue;
  children: ShellIssue[];
  /** Issue panels added to this issue (main column, above Activity). */
  panels: FrameView[];
  /** Issue panels not added yet: one button each, under the summary. */
  buttons: Array<{ module: UiModule; iconUrl: string | null }>;
  /** Issue contexts (right column, under the details). */
  contexts: ContextView[];
  /** The workflow's transition buttons and the last refusal (./transitions.ts); absent: none shown. */
  workflow?: Html;
  /** This page, for the forms to come back to. */
  back: string;
}): Html {
  const { issue, project } = input;
  return html`<div class="breadcrumbs">
      <a href="/jira/projects">Projects</a><span>/</span>
      ${project ? html`<a href="${projectUrl(project.key)}">${project.name}</a><span>/</span>` : ''}
      ${issue.parent ? html`<a href="${issueUrl(issue.parent.key)}">${issue.parent.key}</a><span>/</span>` : ''}
      <span>${typeIcon(issue.type)} ${issue.key}</span>
    </div>
    <div class="issue-view">
      <div class="issue-main">
        <h1 id="issue-summary">${issue.summary}</h1>
        ${input.workflow ?? ''}
        ${
          input.buttons.length > 0
            ? html`<div class="issue-apps" aria-label="Apps">
                ${input.buttons.map((b) => panelButton(issue.id, b, input.back))}
              </div>`
            : ''
        }
        <h2>Child issues</h2>
        ${
          input.children.length === 0
            ? html`<p class="muted">None.</p>`
            : html`<ul class="children" aria-label="Child issues">
                ${input.children.map(
                  (c) =>
                    html`<li>
                      ${typeIcon(c.type)}<a href="${issueUrl(c.key)}">${c.key}</a
                      ><span class="summary">${c.summary}</span>${statusLozenge(c.status)}
                    </li>`,
                )}
              </ul>`
        }
        <div class="issue-panels">
          ${input.panels.map((p) => appFrame(p, 'panel', removePanelForm(issue.id, p.module, input.back)))}
        </div>
        <section class="activity" aria-label="Activity">
          <h2>Activity</h2>
          <p class="muted">No comments yet.</p>
        </section>
      </div>
      <aside aria-label="Issue details and apps">
        <div class="details">
          <div class="details__title">Details</div>
          <dl>
            <dt>Status</dt>
            <dd>${statusLozenge(issue.status)}</dd>
            <dt>Type</dt>
            <dd>${typeIcon(issue.type)} ${issue.type.name}</dd>
            <dt>Parent</dt>
            <dd>
              ${issue.parent ? html`<a href="${issueUrl(issue.parent.key)}">${issue.parent.key}</a> ${issue.parent.summary}` : 'None'}
            </dd>
            <dt>Assignee</dt>
            <dd>${issue.assignee ?? 'Unassigned'}</dd>
            <dt>Reporter</dt>
            <dd>${issue.reporter ?? '—'}</dd>
            <dt>Created</dt>
            <dd>${formatDate(issue.created)}</dd>
            <dt>Updated</dt>
            <dd>${formatDate(issue.updated)}</dd>
          </dl>
        </div>
        ${input.contexts.map((c) => contextSection(c, input.back))}
      </aside>
    </div>`;
}

export function moduleBody(input: { project: ShellProject; frame: FrameView; settings: boolean }): Html {
  return html`<div class="breadcrumbs">
      <a href="/jira/projects">Projects</a><span>/</span
      ><a href="${projectUrl(input.project.key)}">${input.project.name}</a>
      ${input.settings ? html`<span>/</span><span>Project settings</span>` : ''}
    </div>
    ${appFrame(input.frame, 'page')}`;
}

export function settingsIndexBody(project: ShellProject, settings: UiModule[]): Html {
  return html`<div class="breadcrumbs">
      <a href="/jira/projects">Projects</a><span>/</span
      ><a href="${projectUrl(project.key)}">${project.name}</a>
    </div>
    <h1>Project settings</h1>
    ${
      settings.length === 0
        ? html`<div class="empty">No app adds a settings page to this project.</div>`
        : html`<ul>
            ${settings.map((m) => html`<li><a href="${moduleUrl(project.key, m)}">${m.title}</a></li>`)}
          </ul>`
    }`;
}

export function messageBody(title: string, message: string): Html {
  return html`<h1>${title}</h1>
    <div class="error-box" role="alert">${message}</div>`;
}
