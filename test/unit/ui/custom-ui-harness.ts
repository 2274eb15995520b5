// Runs the built Custom UI (static/build) in headless Chromium with a stand-in for Forge's bridge: the page
// defines `globalThis.__bridge.callBridge` before the app loads, exactly the seam the real @forge/bridge
// calls. The server sends a content security policy without 'unsafe-inline', like Forge's default, and the
// page records every violation.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** What `invoke` answers, in turn; the last answer repeats. */
export type Answer = { envelope: unknown } | 'pending' | 'throw';

export interface Scenario {
  module: 'jira:issuePanel' | 'jira:projectPage';
  colorMode?: 'light' | 'dark';
  answers: Answer[];
}

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
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
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
        moduleKey:
          scenario.module === 'jira:issuePanel' ? 'role-split-issue-panel' : 'role-split-alignment-page',
        siteUrl: 'https://acme.atlassian.net',
        locale: 'en-US',
        timezone: 'UTC',
        theme: { colorMode: scenario.colorMode ?? 'light' },
        extension: { type: scenario.module },
      },
      colorMode: scenario.colorMode ?? 'light',
      answers: scenario.answers,
    });
    await page.goto(this.base);
    return new OpenedView(page, problems);
  }
}

/** Runs in the page before any app script. Kept self-contained: Playwright serializes it. */
function bridgeScript(setup: { context: unknown; colorMode: string; answers: Answer[] }) {
  const state = window as unknown as { __calls: BridgeCall[]; __violations: string[] };
  state.__calls = [];
  state.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    state.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
  const answers = [...setup.answers];
  (globalThis as unknown as { __bridge: unknown }).__bridge = {
    callBridge: async (type: string, payload?: unknown) => {
      state.__calls.push({ type, payload });
      if (type === 'getContext') return setup.context;
      if (type === 'enableTheming') {
        document.documentElement.setAttribute('data-color-mode', setup.colorMode);
        return undefined;
      }
      if (type !== 'invoke') return undefined;
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer === 'pending') return new Promise(() => undefined);
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
