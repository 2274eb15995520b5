// Faults anyone can switch on from the shell's "Sandbox" menu (or `npm start -- --latency 250`), so the app's
// slow, throttled and failing paths can be seen by hand:
// - added latency: the embedded site's own latency fault (every REST call it answers waits that long);
// - 429 bursts: the app's next N Jira requests are answered 429 with `Retry-After`, as Jira's rate limiter does;
// - 5xx bursts: the app's next N Jira requests are answered 503;
// - the site's plan (Free / Standard): what `GET /instance/license` says, and whether custom roles exist.
// The bursts hit the app's requests only (its functions and the bridge's requestJira), never the shell's own
// pages, so the sandbox stays usable while the app is being throttled.
import type { ProductGateway } from './product';
import type { SandboxFaults } from './shell/pages';

export interface AppFaultState {
  rateLimitedLeft: number;
  retryAfterSeconds: number;
  serverErrorsLeft: number;
}

export class AppFaults {
  private state: AppFaultState = { rateLimitedLeft: 0, retryAfterSeconds: 5, serverErrorsLeft: 0 };

  get(): AppFaultState {
    return { ...this.state };
  }

  rateLimitBurst(count: number, retryAfterSeconds: number): void {
    this.state = { ...this.state, rateLimitedLeft: count, retryAfterSeconds };
  }

  serverErrorBurst(count: number): void {
    this.state = { ...this.state, serverErrorsLeft: count };
  }

  /** The answer the next app request gets instead of Jira's, if a burst is on. */
  take(): Response | null {
    if (this.state.rateLimitedLeft > 0) {
      this.state.rateLimitedLeft -= 1;
      return new Response(JSON.stringify({ errorMessages: ['Rate limit exceeded.'], errors: {} }), {
        status: 429,
        headers: {
          'content-type': 'application/json',
          'retry-after': String(this.state.retryAfterSeconds),
          'x-ratelimit-reason': 'jira-burst-based',
        },
      });
    }
    if (this.state.serverErrorsLeft > 0) {
      this.state.serverErrorsLeft -= 1;
      return new Response(
        JSON.stringify({ errorMessages: ['Service temporarily unavailable.'], errors: {} }),
        { status: 503, headers: { 'content-type': 'application/json' } },
      );
    }
    return null;
  }
}

/** The gateway the app's requests go through: Jira's, unless a burst answers first. */
export function faultyGateway(product: ProductGateway, faults: AppFaults): ProductGateway {
  return {
    mode: product.mode,
    siteUrl: product.siteUrl,
    request(identity, path, init) {
      const refused = faults.take();
      return refused ? Promise.resolve(refused) : product.request(identity, path, init);
    },
  };
}

/** The Sandbox menu's controls over the embedded site and the app's requests. */
export interface FaultControls {
  get(): Promise<SandboxFaults>;
  setLatency(ms: number): Promise<void>;
  rateLimitBurst(count: number, retryAfterSeconds: number): void;
  serverErrorBurst(count: number): void;
  /** Replaces the site's data with a generated project of `issues` issues. */
  generateLargeProject(issues: number): Promise<void>;
  /** Switches the embedded site's Jira plan (its `/_sandbox/plan` endpoint). */
  setPlan(plan: 'free' | 'standard'): Promise<void>;
}

/** Controls for the embedded site: latency through its `/_sandbox/faults` endpoint. */
export function embeddedFaultControls(
  site: { url: string; secret: string },
  app: AppFaults,
  loadLargeProject: (issues: number) => Promise<void>,
): FaultControls {
  const endpoint = `${site.url.replace(/\/+$/, '')}/_sandbox/faults`;
  const planEndpoint = `${site.url.replace(/\/+$/, '')}/_sandbox/plan`;
  const headers = { 'x-sandbox-secret': site.secret, 'content-type': 'application/json' };
  return {
    async get() {
      const [response, planResponse] = await Promise.all([
        fetch(endpoint, { headers }),
        fetch(planEndpoint, { headers }),
      ]);
      const body = (await response.json()) as { latencyMs?: number };
      const planBody = (await planResponse.json()) as { plan?: string };
      const plan = planBody.plan === 'free' ? 'free' : 'standard';
      return { latencyMs: body.latencyMs ?? 0, ...app.get(), plan };
    },
    async setPlan(plan) {
      const response = await fetch(planEndpoint, { method: 'POST', headers, body: JSON.stringify({ plan }) });
      if (!response.ok) throw new Error(`The embedded site refused the plan (HTTP ${response.status})`);
    },
    async setLatency(ms) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ latencyMs: ms }),
      });
      if (!response.ok) throw new Error(`The embedded site refused the latency (HTTP ${response.status})`);
    },
    rateLimitBurst: (count, retryAfterSeconds) => app.rateLimitBurst(count, retryAfterSeconds),
    serverErrorBurst: (count) => app.serverErrorBurst(count),
    generateLargeProject: loadLargeProject,
  };
}

/** `--latency 250` or `--latency=250` (npm start): ms added to every embedded-site REST call; null if absent. */
export function latencyArg(args: string[]): number | null {
  const at = args.findIndex((a) => a === '--latency' || a.startsWith('--latency='));
  if (at < 0) return null;
  const raw = args[at]?.includes('=') ? args[at]?.split('=')[1] : args[at + 1];
  const ms = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(ms) || ms < 0 || ms > 60_000)
    throw new Error(`--latency needs whole milliseconds between 0 and 60000, not ${raw ?? 'nothing'}`);
  return ms;
}
