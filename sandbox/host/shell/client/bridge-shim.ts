// The bridge inside a Custom UI iframe: what Atlassian's product page provides in real Jira. @forge/bridge
// 7.2.0 sends every call to `globalThis.__bridge.callBridge(type, payload)` (out/bridge.js), so this script
// is injected into the resource's index.html before the app's own scripts and defines exactly that.
// - Calls that need the back end (invoke, getContext, requestJira) go to the host: POST /_host/bridge,
//   naming only this frame's token; the host supplies the trusted context.
// - Calls that belong to the page around the iframe (router, flags, resize, theme, events) go to the
//   shell by postMessage and wait for its answer.
// - view.theme.enable() applies the shell's colour mode the way Forge does: `data-color-mode` and
//   `data-theme` on <html>, the Atlassian token style sheets, and live updates when the shell toggles.

interface ShellReply {
  forgeHost: 'reply';
  replyTo: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}
interface ShellPush {
  forgeHost: 'push';
  type: 'theme' | 'event' | 'flagAction' | 'modalClosed';
  colorMode?: 'light' | 'dark';
  event?: string;
  payload?: unknown;
  flagId?: string;
  index?: number;
}

type Callback = (payload: unknown) => unknown;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const frame = script?.dataset.frame ?? new URLSearchParams(location.search).get('frame') ?? '';
  let colorMode: 'light' | 'dark' = script?.dataset.colorMode === 'dark' ? 'dark' : 'light';
  let themingEnabled = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const eventListeners = new Map<string, Set<Callback>>();
  const flagActions = new Map<string, Array<() => unknown>>();
  /** `onClose` of the modal this frame opened (functions cannot cross postMessage). */
  let modalOnClose: ((payload?: unknown) => unknown) | null = null;
  const hasShell = window.parent !== window;

  function applyTheme(): void {
    if (!themingEnabled) return;
    const root = document.documentElement;
    if (!document.getElementById('forge-host-tokens')) {
      const link = document.createElement('link');
      link.id = 'forge-host-tokens';
      link.rel = 'stylesheet';
      link.href = '/_host/tokens.css';
      document.head.prepend(link);
    }
    root.setAttribute(
      'data-theme',
      'dark:dark light:light spacing:spacing typography:typography shape:shape',
    );
    root.setAttribute('data-color-mode', colorMode);
  }

  async function toHost(type: string, payload: unknown): Promise<unknown> {
    const response = await fetch('/_host/bridge', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frame, type, payload }),
    });
    const answer = (await response.json()) as {
      ok: boolean;
      result?: unknown;
      error?: string;
      needsAuthentication?: boolean;
    };
    // An asUser() call was refused for want of consent: Jira asks the user to allow access around the app.
    if (answer.needsAuthentication) void toShell('needsAuthentication', undefined).catch(() => undefined);
    if (!answer.ok) throw new Error(answer.error ?? `The Forge host could not run ${type}`);
    return answer.result;
  }

  function toShell(type: string, payload: unknown): Promise<unknown> {
    if (!hasShell) return Promise.resolve(undefined);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      window.parent.postMessage({ forgeHost: 'call', id, frame, type, payload }, location.origin);
    });
  }

  /** Flag actions carry functions, which cannot cross postMessage: keep them here, send their texts. */
  function flagPayload(payload: unknown): unknown {
    const options = payload as { id?: string; actions?: Array<{ text?: string; onClick?: () => unknown }> };
    if (!options.actions || !options.id) return payload;
    flagActions.set(
      options.id,
      options.actions.map((a) => a.onClick ?? (() => undefined)),
    );
    return { ...options, actions: options.actions.map((a, index) => ({ text: a.text ?? '', index })) };
  }

  function createHistory(): unknown {
    // A module-local history (no sync with the shell URL): enough for apps that route between subpages. It
    // starts at the path the page was opened at below the module's URL (`?path=` from the host), as in Jira.
    const listeners = new Set<(location: unknown, action: string) => void>();
    const start = new URLSearchParams(location.search).get('path') ?? '/';
    const history = {
      action: 'POP',
      location: { pathname: start, search: '', hash: '', state: undefined as unknown, key: 'default' },
      push(path: string, state?: unknown) {
        move('PUSH', path, state);
      },
      replace(path: string, state?: unknown) {
        move('REPLACE', path, state);
      },
      go() {},
      back() {},
      forward() {},
      listen(listener: (location: unknown, action: string) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    function move(action: string, path: string, state: unknown): void {
      const url = new URL(path, 'http://module.local');
      history.action = action;
      history.location = {
        pathname: url.pathname,
        search: url.search,
        hash: url.hash,
        state,
        key: String(nextId++),
      };
      listeners.forEach((l) => l(history.location, action));
    }
    return history;
  }

  async function callBridge(type: string, payload?: unknown): Promise<unknown> {
    switch (type) {
      case 'invoke':
      case 'fetchProduct':
        return toHost(type, payload);
      case 'getContext': {
        const context = (await toHost(type, payload)) as Record<string, unknown>;
        return { ...context, theme: { ...(context.theme as object), colorMode } };
      }
      case 'enableTheming':
        themingEnabled = true;
        applyTheme();
        return undefined;
      case 'showFlag':
        return toShell(type, flagPayload(payload));
      case 'on': {
        const { event, callback } = payload as { event: string; callback: Callback };
        const set = eventListeners.get(event) ?? new Set();
        set.add(callback);
        eventListeners.set(event, set);
        return { unsubscribe: () => set.delete(callback) };
      }
      case 'createHistory':
        return createHistory();
      case 'openModal': {
        const { onClose, ...options } = payload as { onClose?: (p?: unknown) => unknown } & Record<
          string,
          unknown
        >;
        modalOnClose = onClose ?? null;
        return toShell(type, options);
      }
      case 'navigate':
      case 'reload':
      case 'getUrl':
      case 'closeFlag':
      case 'resize':
      case 'submit':
      case 'close':
      case 'open':
      case 'refresh':
      case 'onClose':
      case 'changeWindowTitle':
      case 'emit':
      case 'emitPublic':
      case 'emitReadyEvent':
        return toShell(type, payload);
      default:
        throw new Error(`The local Forge host does not support the bridge call "${type}"`);
    }
  }

  window.addEventListener('message', (event: MessageEvent<ShellReply | ShellPush>) => {
    if (event.origin !== location.origin || event.source !== window.parent) return;
    const message = event.data;
    if (message?.forgeHost === 'reply') {
      const waiter = pending.get(message.replyTo);
      pending.delete(message.replyTo);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(message.error ?? 'Refused by the host'));
    } else if (message?.forgeHost === 'push') {
      if (message.type === 'theme' && message.colorMode) {
        colorMode = message.colorMode;
        applyTheme();
      } else if (message.type === 'event' && message.event) {
        eventListeners.get(message.event)?.forEach((cb) => cb(message.payload));
      } else if (
        message.type === 'flagAction' &&
        message.flagId !== undefined &&
        message.index !== undefined
      ) {
        flagActions.get(message.flagId)?.[message.index]?.();
      } else if (message.type === 'modalClosed') {
        const onClose = modalOnClose;
        modalOnClose = null;
        onClose?.(message.payload);
      }
    }
  });

  // Forge sizes issue panels to their content. Measure the bottom of <body>'s children rather than <body>
  // itself: style resets often give body `height: 100%`, which would pin the panel to its first size.
  if (hasShell && 'ResizeObserver' in window) {
    let last = 0;
    const px = (value: string) => parseFloat(value) || 0;
    const report = () => {
      const body = document.body;
      let bottom = 0;
      for (const child of Array.from(body.children)) {
        if (!(child instanceof HTMLElement) || child.tagName === 'SCRIPT') continue;
        bottom = Math.max(
          bottom,
          child.getBoundingClientRect().bottom + px(getComputedStyle(child).marginBottom),
        );
      }
      const style = getComputedStyle(body);
      const height = Math.ceil(
        bottom +
          window.scrollY +
          px(style.paddingBottom) +
          px(style.borderBottomWidth) +
          px(style.marginBottom),
      );
      if (height !== last) {
        last = height;
        window.parent.postMessage({ forgeHost: 'size', frame, height }, location.origin);
      }
    };
    const observe = () => {
      const sizes = new ResizeObserver(report);
      Array.from(document.body.children).forEach((child) => sizes.observe(child));
      new MutationObserver((changes) => {
        changes.forEach((change) =>
          change.addedNodes.forEach((node) => node instanceof Element && sizes.observe(node)),
        );
        report();
      }).observe(document.body, { childList: true });
      report();
    };
    if (document.body) observe();
    else document.addEventListener('DOMContentLoaded', observe, { once: true });
  }

  Object.defineProperty(globalThis, '__bridge', {
    value: { callBridge },
    configurable: false,
    writable: false,
  });
})();
export {};
