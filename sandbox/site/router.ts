// Route table for the REST API: templates written as in the OpenAPI document (`/rest/api/3/issue/{issueIdOrKey}`),
// matched segment by segment, literal segments winning over parameters (so `/issue/properties/multi` is not
// read as an issue key). The template is also the request counter's key.
import type { z } from 'zod';
import type { Caller } from './auth';
import { JiraHttpError, MESSAGES, errorCollection } from './errors';
import type { FaultInjector, RequestCounters } from './faults';
import type { PageTokens } from './page-tokens';
import type { PropertyIndex } from './property-index';
import type { RenderContext } from './representations';
import type { SearchCache } from './search';
import type { SearchLag } from './search-lag';
import type { SiteState } from './state';
import type { TaskRunner } from './tasks';
import type { WorkflowValidator } from './expressions';

export interface SiteContext {
  state: SiteState;
  render: RenderContext;
  now: () => number;
  tokens: PageTokens;
  searches: SearchCache;
  /** The search index's lag behind writes (0: searches see every write at once). */
  lag: SearchLag;
  tasks: TaskRunner;
  /** The entity-property paths JQL may search. */
  propertyIndex: PropertyIndex;
  faults: FaultInjector;
  counters: RequestCounters;
  reset: () => Promise<void>;
  /** The installed app's workflow validators, run on every transition (routes/transitions.ts). */
  workflowValidators: readonly WorkflowValidator[];
}

export interface RouteRequest {
  site: SiteContext;
  caller: Caller;
  params: Record<string, string>;
  query: URLSearchParams;
  rawBody: string;
}

export interface RouteResponse {
  status: number;
  /** JSON body; omitted for empty responses (204, 303, ...). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: RouteRequest) => RouteResponse | Promise<RouteResponse>;

interface Route {
  method: string;
  template: string;
  segments: string[];
  handler: Handler;
}

export type RouteMatch =
  | {
      kind: 'found';
      route: { method: string; template: string; handler: Handler };
      params: Record<string, string>;
    }
  | { kind: 'wrong-method'; template: string }
  | { kind: 'none' };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    this.routes.push({ method, template, segments: template.split('/').filter((s) => s !== ''), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    let segments: string[];
    try {
      segments = path
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
    } catch {
      return { kind: 'none' };
    }
    let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
    let wrongMethod: string | undefined;
    for (const route of this.routes) {
      if (route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      route.segments.forEach((part, i) => {
        const actual = segments[i] ?? '';
        if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = actual;
        else if (part === actual) literals += 1;
        else ok = false;
      });
      if (!ok) continue;
      if (route.method !== method) {
        wrongMethod ??= route.template;
        continue;
      }
      if (!best || literals > best.literals) best = { route, params, literals };
    }
    if (best) return { kind: 'found', route: best.route, params: best.params };
    return wrongMethod !== undefined ? { kind: 'wrong-method', template: wrongMethod } : { kind: 'none' };
  }
}

/** Parses a JSON request body against a schema; Jira's generic 400 when it is not JSON or not that shape. */
export function parseBody<T extends z.ZodType>(request: RouteRequest, schema: T): z.output<T> {
  let raw: unknown;
  try {
    raw = request.rawBody.trim() === '' ? undefined : JSON.parse(request.rawBody);
  } catch {
    throw new JiraHttpError(400, errorCollection([MESSAGES.invalidPayload]));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new JiraHttpError(400, errorCollection([MESSAGES.invalidPayload]));
  return parsed.data;
}

/** A comma-separated, possibly repeated query parameter as a list (`fields=a,b&fields=c`). */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A non-negative integer query parameter; 400 when present but not a number. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new JiraHttpError(
      400,
      errorCollection([`The value '${value}' is not valid for the parameter '${name}'.`]),
    );
  }
  return n;
}
