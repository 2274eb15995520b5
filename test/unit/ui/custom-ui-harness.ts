// Runs the built Custom UI (static/build) in headless Chromium with a stand-in for Forge's bridge: the page
// defines `globalThis.__bridge.callBridge` before the app loads, exactly the seam the real @forge/bridge
// calls. The server sends a content security policy without 'unsafe-inline', like Forge's default, and the
// page records every violation.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../../support/chromium';

export { CHROMIUM };
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/**
 * What `invoke` answers, in turn; the last answer repeats. `consent` rejects as Jira does before the user has
 * allowed access (Forge's NeedsAuthenticationError through the bridge).
 */
export type Answer = { envelope: unknown } | 'pending' | 'throw' | 'consent';

/** A resolver's success envelope. */
export const ok = (data: unknown): Answer => ({ envelope: { ok: true, data } });
/** A resolver's refusal envelope. */
export const fail = (code: string, message: string): Answer => ({
  envelope: { ok: false, error: { code, message } },
});

export interface Scenario {
  module: 'jira:issuePanel' | 'jira:projectPage' | 'jira:issueContext' | 'jira:projectSettingsPage';
  colorMode?: 'light' | 'dark';
  /** Answers in turn, whatever the resolver key. */
  answers: Answer[];
  /** Answers by resolver key (in turn per key; the last repeats), checked before `answers`. */
  byKey?: Record<string, Answer[]>;
  /** The Modal `context` the frame was opened with (Forge puts it under `extension.modal`). */
  modal?: unknown;
}

const MODULE_KEYS: Record<Scenario['module'], string> = {
  'jira:issuePanel': 'role-split-issue-panel',
  'jira:projectPage': 'role-split-alignment-page',
  'jira:issueContext': 'role-split-issue-context',
  'jira:projectSettingsPage': 'role-split-settings-page',
};

export interface BridgeCall {
  type: string;
  payload: unknown;
}

export class CustomUiHarness {
  private server: Server | null = null;
  private browser: Browser | null = null;
  /** One context for all pages, so the bundle is fetched and compiled once (pages stay independent). */
  private context: BrowserContext | null = null;
  private base = '';

  async start(buildDir: string): Promise<void> {
    const server = createServer((req, res) => {
      const path =
        normalize(new URL(req.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '') || 'index.html';
      readFile(join(buildDir, path)).then(
        (body) => {
          res.writeHead(200, {
            'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
            'content-security-policy': CSP,
            // Hashed asset names never change content; index.html must be fetched afresh.
            'cache-control': path.startsWith('assets/') ? 'max-age=3600, immutable' : 'no-store',
          });
          res.end(body);
        },
        () => {
          res.writeHead(404);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    this.browser = await launchChromium();
    this.context = await this.browser.newContext({ viewport: { width: 480, height: 900 } });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  async open(scenario: Scenario, width = 480): Promise<OpenedView> {
    if (!this.context) throw new Error('harness not started');
    const page = await this.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    await page.addInitScript(bridgeScript, {
      context: {
        moduleKey: MODULE_KEYS[scenario.module],
        siteUrl: 'https://acme.atlassian.net',
        locale: 'en-US',
        timezone: 'UTC',
        theme: { colorMode: scenario.colorMode ?? 'light' },
        extension: {
          type: scenario.module,
          ...(scenario.modal === undefined ? {} : { modal: scenario.modal }),
        },
      },
      colorMode: scenario.colorMode ?? 'light',
      answers: scenario.answers,
      byKey: scenario.byKey ?? {},
    });
    await page.goto(this.base);
    return new OpenedView(page, problems);
  }
}

/** Runs in the page before any app script. Kept self-contained: Playwright serializes it. */
function bridgeScript(setup: {
  context: unknown;
  colorMode: string;
  answers: Answer[];
  byKey: Record<string, Answer[]>;
}) {
  const state = window as unknown as {
    __calls: BridgeCall[];
    __violations: string[];
    __listeners: Record<string, Array<(payload: unknown) => void>>;
  };
  state.__calls = [];
  state.__listeners = {};
  state.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    state.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
  const answers = [...setup.answers];
  const byKey: Record<string, Answer[]> = {};
  for (const [key, list] of Object.entries(setup.byKey)) byKey[key] = [...list];
  (globalThis as unknown as { __bridge: unknown }).__bridge = {
    callBridge: async (type: string, payload?: unknown) => {
      if (type === 'on') {
        // Functions cannot be recorded (the call log is read back through serialization): keep the callback.
        const { event, callback } = payload as { event: string; callback: (p: unknown) => void };
        (state.__listeners[event] ??= []).push(callback);
        state.__calls.push({ type, payload: { event } });
        return { unsubscribe: () => undefined };
      }
      if (type === 'openModal') {
        const { onClose: _onClose, ...options } = payload as Record<string, unknown>;
        state.__calls.push({ type, payload: options });
        return true;
      }
      state.__calls.push({ type, payload });
      if (type === 'getContext') return setup.context;
      if (type === 'enableTheming') {
        document.documentElement.setAttribute('data-color-mode', setup.colorMode);
        return undefined;
      }
      if (type !== 'invoke') return undefined;
      const key = (payload as { functionKey?: string }).functionKey ?? '';
      const list = byKey[key] ?? answers;
      const answer = list.length > 1 ? list.shift() : list[0];
      if (answer === 'pending') return new Promise(() => undefined);
      if (answer === 'consent')
        throw new Error('There was an error invoking the function - Authentication Required');
      if (answer === 'throw' || answer === undefined) throw new Error('bridge failure');
      await new Promise((resolve) => setTimeout(resolve, 10));
      return answer.envelope;
    },
  };
}

export class OpenedView {
  constructor(
    readonly page: Page,
    private readonly problems: string[],
  ) {}

  calls(type?: string): Promise<BridgeCall[]> {
    return this.page.evaluate(
      (wanted) =>
        (window as unknown as { __calls: BridgeCall[] }).__calls.filter((c) => !wanted || c.type === wanted),
      type,
    );
  }

  /** Delivers an app or Jira event to the frame's listeners, as the host does (e.g. JIRA_ISSUE_CHANGED). */
  emit(event: string, payload: unknown = {}): Promise<void> {
    return this.page.evaluate(
      ({ event, payload }) => {
        const listeners = (window as unknown as { __listeners: Record<string, Array<(p: unknown) => void>> })
          .__listeners[event];
        listeners?.forEach((listener) => listener(payload));
      },
      { event, payload },
    );
  }

  /** Content-security-policy violations and uncaught errors seen so far. */
  async troubles(): Promise<string[]> {
    const violations = await this.page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    return [...violations.map((v) => `csp: ${v}`), ...this.problems];
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/** The payloads the page sent to the resolver `key`, in order. */
export async function invokePayloads(view: OpenedView, key: string): Promise<unknown[]> {
  return (await view.calls('invoke'))
    .map((c) => c.payload as { functionKey: string; payload: unknown })
    .filter((c) => c.functionKey === key)
    .map((c) => c.payload);
}

const ROOT = join(import.meta.dirname, '../../..');

/**
 * A describe block's browser: builds static/ (only when it changed since the last build) and starts the harness
 * before its tests, stops it after them. The function returned opens a view; after each test the view is
 * closed and must have seen no content-security-policy violation and no uncaught error.
 */
export function harnessForSuite(): (scenario: Scenario, width?: number) => Promise<OpenedView> {
  const harness = new CustomUiHarness();
  let opened: OpenedView | null = null;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    await harness.start(join(ROOT, 'static/build'));
  });

  afterAll(() => harness.stop());

  afterEach(async () => {
    if (!opened) return;
    const troubles = await opened.troubles();
    await opened.close();
    opened = null;
    expect(troubles).toEqual([]);
  });

  return async (scenario, width) => (opened = await harness.open(scenario, width));
}
