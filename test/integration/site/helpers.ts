// Shared by the embedded-site tests: start a site (in memory or in a temp folder, random port) and call it as
// a given person, the app, or nobody. Every `/rest/api/3` response is checked against Atlassian's OpenAPI
// document (the trimmed copy in openapi/, read by test/support/openapi.ts); the few answers it does not list
// (faults, unknown routes) are checked to be Jira's ErrorCollection instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from '@jest/globals';
import { expectSaying } from '../../support/jest-helpers';
import { z } from 'zod';
import { DEMO, startSite, type DemoUser, type RunningSite, type SiteOptions } from '../../../sandbox/site';
import { validateResponse } from '../../support/openapi';

export async function startTestSite(options: SiteOptions = {}): Promise<RunningSite> {
  return startSite({ dataDir: null, port: 0, ...options });
}

const tempDirs: string[] = [];
// Registered once, when a test file imports this module (Jest allows no hooks inside a test).
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'role-split-site-'));
  tempDirs.push(dir);
  return dir;
}

export type Identity = DemoUser | 'app' | 'anonymous' | { basic: string } | { accountId: string };

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  text: string;
}

const errorCollectionSchema = z
  .object({ errorMessages: z.array(z.string()), errors: z.record(z.string(), z.string()) })
  .strict();

/** Statuses Jira sends on any endpoint that the document lists only for some (rate limiting, outages). */
const ANY_ENDPOINT_STATUSES = new Set([429, 500, 502, 503]);
/** Answers this site gives on purpose where the document says otherwise, with why. */
// (None today: the project role reads answer 401 / 404 as the document lists them.)
const KNOWN_DEVIATIONS: Array<{ method: string; path: RegExp; status: number; why: string }> = [];

/** Checks one response against the OpenAPI document (or, for the listed exceptions, against ErrorCollection). */
export function expectConformant(method: string, path: string, status: number, body: unknown): void {
  if (!path.startsWith('/rest/api/3/')) return;
  const pathOnly = path.split('?')[0] ?? path;
  const tolerated =
    ANY_ENDPOINT_STATUSES.has(status) ||
    KNOWN_DEVIATIONS.some((d) => d.method === method && d.path.test(pathOnly) && d.status === status);
  const result = validateResponse({ method, path, status, body });
  const undocumented = result.errors.every(
    (e) => e.startsWith(`status ${status} is not documented`) || e.startsWith('no documented operation'),
  );
  if (!result.valid && undocumented && (tolerated || status === 404 || status === 405)) {
    // Not in the document for this operation (or no operation at all): still Jira's error shape.
    expectSaying(errorCollectionSchema.safeParse(body).success, `${method} ${path} -> ${status} body`).toBe(
      true,
    );
    if (status === 404 || status === 405)
      expectSaying(result.operation, `${method} ${path} is undocumented`).toBeUndefined();
    return;
  }
  expectSaying(result.errors, `${method} ${path} -> ${status}`).toEqual([]);
}

function authHeaders(site: RunningSite, as: Identity): Record<string, string> {
  if (as === 'anonymous') return {};
  if (as === 'app') return { 'X-Sandbox-Secret': site.secret, 'X-Sandbox-As': 'app' };
  if ('basic' in as) return { Authorization: `Basic ${Buffer.from(as.basic).toString('base64')}` };
  if ('handle' in as) {
    return { Authorization: `Basic ${Buffer.from(`${as.email}:${as.apiToken}`).toString('base64')}` };
  }
  return { 'X-Sandbox-Secret': site.secret, 'X-Sandbox-As': `user:${as.accountId}` };
}

export interface Client {
  get(path: string): Promise<Reply>;
  post(path: string, body?: unknown): Promise<Reply>;
  put(path: string, body?: unknown): Promise<Reply>;
  /** PUT with a raw text body (for invalid JSON). */
  putRaw(path: string, text: string): Promise<Reply>;
  del(path: string): Promise<Reply>;
}

export function client(site: RunningSite, as: Identity = DEMO.adminUser): Client {
  const request = async (method: string, path: string, body?: string): Promise<Reply> => {
    const response = await fetch(`${site.url}${path}`, {
      method,
      headers: { ...authHeaders(site, as), Accept: 'application/json', 'Content-Type': 'application/json' },
      redirect: 'manual',
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    expectConformant(method, path, response.status, parsed);
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body === undefined ? undefined : JSON.stringify(body)),
    put: (path, body) => request('PUT', path, body === undefined ? undefined : JSON.stringify(body)),
    putRaw: (path, text) => request('PUT', path, text),
    del: (path) => request('DELETE', path),
  };
}

// ---- small readers for the JSON replies (zod, so a wrong shape fails with a clear message) -----------------

export const errorBody = errorCollectionSchema;

export const searchPage = z.object({
  issues: z.array(
    z.object({
      id: z.string(),
      key: z.string().optional(),
      fields: z.record(z.string(), z.unknown()).optional(),
      properties: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  isLast: z.boolean(),
  nextPageToken: z.string().optional(),
});
export type SearchPage = z.infer<typeof searchPage>;

export function read<T extends z.ZodType>(schema: T, reply: Reply): z.output<T> {
  return schema.parse(reply.body);
}

/** Walks every page of a search; returns the pages. */
export async function searchAll(api: Client, body: Record<string, unknown>): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  let token: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const reply = await api.post(
      '/rest/api/3/search/jql',
      token === undefined ? body : { ...body, nextPageToken: token },
    );
    expectSaying(reply.status, reply.text).toBe(200);
    const page = read(searchPage, reply);
    pages.push(page);
    if (page.isLast) return pages;
    token = page.nextPageToken;
    expect(typeof token).toBe('string');
  }
  throw new Error('search did not end');
}

/** Keys (or ids) of every issue a search returns. */
export async function searchKeys(api: Client, jql: string): Promise<string[]> {
  const pages = await searchAll(api, { jql, fields: ['summary'], maxResults: 100 });
  return pages.flatMap((p) => p.issues.map((i) => i.key ?? i.id));
}
