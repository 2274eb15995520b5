// Where the host sends Jira REST calls: the app's own (`api.asApp()` / `asUser()` through __forge_fetch__,
// the bridge's `requestJira`) and the shell's. Two sites are possible:
// - the embedded sandbox site, which trusts `X-Sandbox-Secret` + `X-Sandbox-As: app | user:<accountId>`;
// - a real Jira Cloud site over basic auth (email + API token), acting as the token's user for both
//   identities, read-only unless writes are explicitly allowed.
// Identity headers the app itself sends are dropped, so app code can never choose whom it acts as.

export type ProductIdentity = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface ProductGateway {
  readonly mode: 'embedded' | 'real';
  /** The site's base URL (for messages; the app's links use the host's URL). */
  readonly siteUrl: string;
  request(identity: ProductIdentity, path: string, init?: RequestInit): Promise<Response>;
}

export interface RealSiteConfig {
  siteUrl: string;
  email: string;
  apiToken: string;
  /** ROLE_SPLIT_ALLOW_WRITES=1: let non-read calls through to the real site. */
  allowWrites: boolean;
}

/** POSTs that only read: searches and permission checks. Anything else that is not a GET is a write. */
const READ_ONLY_POSTS = [
  /^\/rest\/api\/3\/search\/jql$/,
  /^\/rest\/api\/3\/search\/approximate-count$/,
  /^\/rest\/api\/3\/search$/,
  /^\/rest\/api\/3\/jql\/parse$/,
  /^\/rest\/api\/3\/permissions\/check$/,
];

export function isReadOnlyCall(method: string, path: string): boolean {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return true;
  const bare = path.split('?')[0] ?? path;
  return m === 'POST' && READ_ONLY_POSTS.some((p) => p.test(bare));
}

function withoutIdentityHeaders(init: RequestInit | undefined): Headers {
  const headers = new Headers(init?.headers);
  for (const name of [...headers.keys()]) {
    if (name.startsWith('x-sandbox-') || name === 'authorization' || name === 'cookie') headers.delete(name);
  }
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  return headers;
}

function ensurePath(path: string): string {
  if (!path.startsWith('/')) throw new Error(`Product paths must start with '/': ${path}`);
  return path;
}

export function embeddedSiteGateway(site: { url: string; secret: string }): ProductGateway {
  const base = site.url.replace(/\/+$/, '');
  return {
    mode: 'embedded',
    siteUrl: base,
    request(identity, path, init) {
      const headers = withoutIdentityHeaders(init);
      headers.set('x-sandbox-secret', site.secret);
      headers.set('x-sandbox-as', identity.kind === 'app' ? 'app' : `user:${identity.accountId}`);
      return fetch(base + ensurePath(path), { ...init, headers, redirect: 'manual' });
    },
  };
}

export function realSiteGateway(config: RealSiteConfig): ProductGateway {
  const base = config.siteUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${config.email}:${config.apiToken}`).toString('base64')}`;
  return {
    mode: 'real',
    siteUrl: base,
    async request(_identity, path, init) {
      const method = init?.method ?? 'GET';
      if (!config.allowWrites && !isReadOnlyCall(method, path)) {
        const message =
          `Role Split's sandbox is read-only against ${base}: ${method.toUpperCase()} ${path.split('?')[0]} was not sent. ` +
          'Set ROLE_SPLIT_ALLOW_WRITES=1 to allow writes to this site.';
        return new Response(JSON.stringify({ errorMessages: [message], errors: {} }), {
          status: 403,
          headers: { 'content-type': 'application/json', 'x-role-split-read-only': '1' },
        });
      }
      const headers = withoutIdentityHeaders(init);
      headers.set('authorization', authorization);
      return fetch(base + ensurePath(path), { ...init, headers, redirect: 'manual' });
    },
  };
}
