// The shell page's script: what Jira's own page does around an app's iframes. Answers the bridge calls the
// iframes post (router, flags, sizing, events), switches light/dark and tells every iframe, and switches
// the acting user. On an issue view it watches the issue: when it changes (anyone, anywhere), every app frame
// gets Jira's JIRA_ISSUE_CHANGED event and the issue contexts' headers are computed again.

interface PageData {
  projectKey: string | null;
  /** moduleKey -> module type, for router targets that name a module. */
  modules: Record<string, string>;
  /** The sandbox flags Forge puts on Custom UI iframes (for modal frames made here). */
  iframeSandbox: string;
  /** On an issue view: the issue, and its change version when the page was rendered. */
  issue: PageIssue | null;
}

interface PageIssue {
  id: string;
  key: string;
  projectId: string;
  version: string;
}

interface HostAnswer<T> {
  ok: boolean;
  result?: T;
}

interface ModalFrame {
  token: string;
  src: string;
  module: { title: string };
}

interface FrameCall {
  forgeHost: 'call';
  id: number;
  frame: string;
  type: string;
  payload: unknown;
}
interface FrameSize {
  forgeHost: 'size';
  frame: string;
  height: number;
}

interface FlagOptions {
  id: string;
  title?: string;
  description?: string;
  type?: string;
  appearance?: string;
  isAutoDismiss?: boolean;
  actions?: Array<{ text: string; index: number }>;
}

const FLAG_AUTO_DISMISS_MS = 8000;
/** How often an issue view asks whether its issue changed (only while the page is visible). */
const ISSUE_POLL_MS = 2000;

function pageData(): PageData {
  const node = document.getElementById('forge-host-page');
  return node?.textContent
    ? (JSON.parse(node.textContent) as PageData)
    : { projectKey: null, modules: {}, iframeSandbox: 'allow-scripts', issue: null };
}

function appFrames(): HTMLIFrameElement[] {
  return [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-frame]')];
}

function frameByToken(token: string): HTMLIFrameElement | undefined {
  return appFrames().find((f) => f.dataset.frame === token);
}

function push(frame: HTMLIFrameElement, message: Record<string, unknown>): void {
  frame.contentWindow?.postMessage({ forgeHost: 'push', ...message }, location.origin);
}

function colorMode(): 'light' | 'dark' {
  return document.documentElement.dataset.colorMode === 'dark' ? 'dark' : 'light';
}

function setColorMode(mode: 'light' | 'dark'): void {
  document.documentElement.dataset.colorMode = mode;
  document.cookie = `forge-host-theme=${mode}; path=/; max-age=31536000; SameSite=Lax`;
  const toggle = document.getElementById('theme-toggle');
  toggle?.setAttribute('aria-pressed', String(mode === 'dark'));
  if (toggle) toggle.title = mode === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
  appFrames().forEach((f) => push(f, { type: 'theme', colorMode: mode }));
}

/** Where a router location points, as a URL (absolute), or an error message. */
function resolveLocation(payload: unknown, data: PageData): URL | string {
  const location = payload as {
    url?: string;
    target?: string;
    issueKey?: string;
    moduleKey?: string;
    projectKey?: string;
  };
  if (typeof location.url === 'string') return new URL(location.url, window.location.origin);
  const project = location.projectKey ?? data.projectKey;
  switch (location.target) {
    case 'issue':
      return location.issueKey
        ? new URL(`/browse/${encodeURIComponent(location.issueKey)}`, window.location.origin)
        : 'issueKey is required';
    case 'module': {
      const type = location.moduleKey ? data.modules[location.moduleKey] : undefined;
      if (!type || !project || !location.moduleKey) return `Unknown module ${location.moduleKey ?? ''}`;
      const base = `/jira/software/projects/${encodeURIComponent(project)}`;
      const path =
        type === 'jira:projectSettingsPage'
          ? `${base}/settings/apps/${location.moduleKey}`
          : `${base}/apps/${location.moduleKey}`;
      return new URL(path, window.location.origin);
    }
    case 'projectSettingsDetails':
      return project
        ? new URL(`/jira/software/projects/${encodeURIComponent(project)}/settings`, window.location.origin)
        : 'projectKey is required';
    default:
      return `The local Forge host cannot navigate to target "${location.target ?? ''}"`;
  }
}

function showFlag(options: FlagOptions, frame: HTMLIFrameElement): void {
  const stack = document.getElementById('flags');
  if (!stack) return;
  document.getElementById(`flag-${options.id}`)?.remove();
  const kind = options.appearance ?? options.type ?? 'info';
  const flag = document.createElement('div');
  flag.className = `flag flag--${kind}`;
  flag.id = `flag-${options.id}`;
  flag.setAttribute('role', kind === 'error' || kind === 'warning' ? 'alert' : 'status');
  const icon = document.createElement('span');
  icon.className = 'flag__icon';
  icon.setAttribute('aria-hidden', 'true');
  const body = document.createElement('div');
  body.className = 'flag__body';
  const title = document.createElement('div');
  title.className = 'flag__title';
  title.textContent = options.title ?? '';
  body.append(title);
  if (options.description) {
    const description = document.createElement('div');
    description.className = 'flag__description';
    description.textContent = options.description;
    body.append(description);
  }
  if (options.actions?.length) {
    const actions = document.createElement('div');
    actions.className = 'flag__actions';
    for (const action of options.actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = action.text;
      button.addEventListener('click', () =>
        push(frame, { type: 'flagAction', flagId: options.id, index: action.index }),
      );
      actions.append(button);
    }
    body.append(actions);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'flag__close';
  close.setAttribute('aria-label', 'Dismiss');
  close.textContent = '×';
  close.addEventListener('click', () => flag.remove());
  flag.append(icon, body, close);
  stack.prepend(flag);
  if (options.isAutoDismiss) setTimeout(() => flag.remove(), FLAG_AUTO_DISMISS_MS);
}

/** A bridge `Modal`: the host registers its frame (trusted context), the shell lays it over the page. */
async function openModal(call: FrameCall, data: PageData): Promise<boolean> {
  const options = call.payload as {
    resource?: string | null;
    context?: unknown;
    title?: string;
    size?: unknown;
  };
  const response = await fetch('/_host/modal', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ frame: call.frame, resource: options.resource ?? null, context: options.context }),
  });
  const answer = (await response.json()) as { ok: boolean; result?: ModalFrame; error?: string };
  if (!answer.ok || !answer.result) throw new Error(answer.error ?? 'Unable to open modal.');
  const size = typeof options.size === 'string' ? options.size : 'medium';
  const backdrop = document.createElement('div');
  backdrop.className = 'modal-backdrop';
  backdrop.dataset.opener = call.frame;
  const dialog = document.createElement('div');
  dialog.className = `modal modal--${size}`;
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', options.title || answer.result.module.title);
  if (options.title) {
    const heading = document.createElement('div');
    heading.className = 'modal__title';
    heading.textContent = options.title;
    dialog.append(heading);
  }
  const iframe = document.createElement('iframe');
  iframe.dataset.frame = answer.result.token;
  iframe.dataset.modal = '1';
  iframe.title = options.title || answer.result.module.title;
  iframe.setAttribute('sandbox', data.iframeSandbox);
  iframe.src = answer.result.src;
  dialog.append(iframe);
  backdrop.append(dialog);
  backdrop.addEventListener('click', (event) => {
    if (event.target === backdrop) closeModal(backdrop, undefined);
  });
  document.body.append(backdrop);
  return true;
}

/** Removes a modal and calls its opener's `onClose` with what the modal passed to `view.close`. */
function closeModal(backdrop: HTMLElement, payload: unknown): void {
  const opener = frameByToken(backdrop.dataset.opener ?? '');
  backdrop.remove();
  if (opener) push(opener, { type: 'modalClosed', payload });
}

/** Jira's "Allow access" prompt, shown around the app whose asUser() call needed the user's consent. */
function askForConsent(frame: HTMLIFrameElement): void {
  if (document.getElementById('consent-prompt')) return;
  const host = frame.closest('.app-frame, .modal') ?? frame.parentElement;
  if (!host) return;
  const prompt = document.createElement('div');
  prompt.id = 'consent-prompt';
  prompt.className = 'consent';
  prompt.setAttribute('role', 'alertdialog');
  prompt.setAttribute('aria-label', 'Allow access');
  const title = document.createElement('strong');
  title.textContent = `${frame.title || 'This app'} needs your permission`;
  const text = document.createElement('p');
  text.textContent =
    'It asks to read and change Jira data on your behalf (asUser()). Until you allow it, the app cannot act as you.';
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/_host/consent';
  for (const [name, value] of [
    ['granted', '1'],
    ['back', location.pathname + location.search],
  ]) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name ?? '';
    input.value = value ?? '';
    form.append(input);
  }
  const allow = document.createElement('button');
  allow.type = 'submit';
  allow.id = 'consent-allow';
  allow.className = 'button button--primary';
  allow.textContent = 'Allow access';
  form.append(allow);
  prompt.append(title, text, form);
  host.prepend(prompt);
}

/** Performs one page-level bridge call; throws to reject the app's promise. */
function answer(call: FrameCall, frame: HTMLIFrameElement, data: PageData): unknown {
  switch (call.type) {
    case 'openModal':
      return openModal(call, data);
    case 'close': {
      const backdrop = frame.closest<HTMLElement>('.modal-backdrop');
      if (!backdrop) return false;
      closeModal(backdrop, call.payload);
      return true;
    }
    case 'needsAuthentication':
      askForConsent(frame);
      return undefined;
    case 'navigate': {
      const target = resolveLocation(call.payload, data);
      if (typeof target === 'string') throw new Error(target);
      const newTab = (call.payload as { type?: string }).type === 'new-tab';
      // Like Jira: leaving for another site asks first, and a refusal rejects the app's promise.
      if (
        target.origin !== location.origin &&
        !window.confirm(`This app wants to open ${target.href}. Continue?`)
      ) {
        throw new Error('The user declined to leave the page');
      }
      if (newTab) window.open(target.href, '_blank', 'noopener');
      else window.location.assign(target.href);
      return undefined;
    }
    case 'getUrl': {
      const target = resolveLocation(call.payload, data);
      if (typeof target === 'string') throw new Error(target);
      return target.href;
    }
    case 'reload':
      window.location.reload();
      return undefined;
    case 'showFlag':
      showFlag(call.payload as FlagOptions, frame);
      return undefined;
    case 'closeFlag':
      document.getElementById(`flag-${(call.payload as { id: string }).id}`)?.remove();
      return undefined;
    case 'refresh':
      frame.contentWindow?.location.reload();
      return true;
    case 'changeWindowTitle':
      if (typeof call.payload === 'string') document.title = call.payload;
      return undefined;
    case 'emit':
    case 'emitPublic': {
      const { event, payload } = call.payload as { event: string; payload: unknown };
      appFrames().forEach((f) => push(f, { type: 'event', event, payload }));
      return undefined;
    }
    default:
      // resize, submit, close, open, onClose, emitReadyEvent: nothing to do around an inline module.
      return true;
  }
}

async function hostGet<T>(path: string): Promise<T | null> {
  const response = await fetch(path, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) return null;
  const answer = (await response.json()) as HostAnswer<T>;
  return answer.ok && answer.result !== undefined ? answer.result : null;
}

/** Computes each issue context's header again and swaps its label and status in place. */
async function refreshContextHeaders(issue: PageIssue): Promise<void> {
  const sections = [...document.querySelectorAll<HTMLElement>('section[data-context]')];
  await Promise.all(
    sections.map(async (section) => {
      const query = new URLSearchParams({ module: section.dataset.context ?? '', issueKey: issue.key });
      const header = await hostGet<{ label: string; statusHtml: string }>(
        `/_host/issue-context-header?${query.toString()}`,
      );
      const toggle = section.querySelector('.issue-context__toggle');
      if (!header || !toggle) return;
      const label = toggle.querySelector('.issue-context__label');
      if (label) label.textContent = header.label;
      // The host renders the status with the same (escaping) template as the page itself.
      const template = document.createElement('template');
      template.innerHTML = header.statusHtml;
      const fresh = template.content.firstElementChild;
      const old = toggle.querySelector('[data-status]');
      if (old && fresh) old.replaceWith(fresh);
      else if (old) old.remove();
      else if (fresh) toggle.append(fresh);
    }),
  );
}

/**
 * Polls the issue's change version. On a change every app frame on the page (they all show this issue) gets
 * JIRA_ISSUE_CHANGED, shaped like Jira's, and decides itself what to reload: nothing is re-rendered under a
 * user who is typing. Then the collapsed headers are refreshed, as Jira renders the context header again.
 */
function watchIssue(issue: PageIssue): void {
  let version = issue.version;
  let checking = false;
  const check = async (): Promise<void> => {
    if (checking || document.visibilityState !== 'visible') return;
    checking = true;
    try {
      const query = new URLSearchParams({ issueId: issue.id, issueKey: issue.key });
      const current = await hostGet<{ version: string; atlassianId: string | null }>(
        `/_host/issue-changes?${query.toString()}`,
      );
      if (!current || current.version === version) return;
      version = current.version;
      const payload = {
        issueId: issue.id,
        projectId: issue.projectId,
        changes: [
          { changeType: 'updated', ...(current.atlassianId ? { atlassianId: current.atlassianId } : {}) },
        ],
      };
      appFrames().forEach((f) => push(f, { type: 'event', event: 'JIRA_ISSUE_CHANGED', payload }));
      await refreshContextHeaders(issue);
    } catch {
      // The host may be restarting or the site down: the next poll tries again.
    } finally {
      checking = false;
    }
  };
  setInterval(() => void check(), ISSUE_POLL_MS);
  document.addEventListener('visibilitychange', () => void check());
}

function listen(data: PageData): void {
  window.addEventListener('message', (event: MessageEvent<FrameCall | FrameSize>) => {
    if (event.origin !== location.origin) return;
    const message = event.data;
    const frame = message?.frame ? frameByToken(message.frame) : undefined;
    if (!frame || event.source !== frame.contentWindow) return;
    if (message.forgeHost === 'size') {
      if (frame.dataset.autosize) frame.style.height = `${Math.max(message.height, 40)}px`;
      frame.closest('.app-frame')?.classList.add('app-frame--ready');
      return;
    }
    if (message.forgeHost !== 'call') return;
    new Promise((resolve) => resolve(answer(message, frame, data))).then(
      (result) =>
        frame.contentWindow?.postMessage(
          { forgeHost: 'reply', replyTo: message.id, ok: true, result },
          location.origin,
        ),
      (error: unknown) =>
        frame.contentWindow?.postMessage(
          {
            forgeHost: 'reply',
            replyTo: message.id,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          },
          location.origin,
        ),
    );
  });
}

function init(): void {
  const data = pageData();
  listen(data);
  document
    .getElementById('theme-toggle')
    ?.addEventListener('click', () => setColorMode(colorMode() === 'dark' ? 'light' : 'dark'));
  document.addEventListener('keydown', (event) => {
    const backdrop = [...document.querySelectorAll<HTMLElement>('.modal-backdrop')].at(-1);
    if (event.key === 'Escape' && backdrop) closeModal(backdrop, undefined);
  });
  const actAs = document.getElementById('act-as') as HTMLSelectElement | null;
  actAs?.addEventListener('change', () => actAs.form?.submit());
  document.querySelectorAll<HTMLElement>('[data-hide-when-scripted]').forEach((el) => (el.hidden = true));
  if (data.issue) watchIssue(data.issue);
}

init();
export {};
