// Serves a Custom UI resource (manifest `resources[].path`, e.g. static/build) the way Forge's CDN does:
// files under the resource directory only, index.html with the bridge shim injected before any app script,
// and Forge's content security policy built from manifest.yml `permissions` (inline scripts only with
// `permissions.content.scripts: ['unsafe-inline']`, inline styles only with `permissions.content.styles:
// ['unsafe-inline']`), so what the CSP would block in Jira is blocked here too, and reported on the host's
// console.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppManifest } from './manifest';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServedFile {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** The file a request path names inside `dir`, or null when it would leave the directory. */
export function fileInside(dir: string, relativePath: string): string | null {
  const root = resolve(dir);
  const target = resolve(root, normalize(decodeURIComponent(relativePath)).replace(/^(\.\.(\/|\\|$))+/, ''));
  return target === root || target.startsWith(root + sep) ? target : null;
}

function externalList(external: Record<string, unknown>, key: string): string[] {
  const value = key.includes('.')
    ? (external.fetch as Record<string, unknown> | undefined)?.[key.split('.')[1] ?? '']
    : external[key];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) =>
    typeof v === 'string' ? [v] : v && typeof v === 'object' && 'address' in v ? [String(v.address)] : [],
  );
}

export function contentSecurityPolicy(manifest: AppManifest): string {
  const quoted = (values: string[]) => values.map((v) => (v.startsWith("'") ? v : `'${v}'`));
  const scriptExtras = manifest.content.scripts.map((s) => (s === 'blob:' ? s : `'${s}'`));
  return [
    "default-src 'self'",
    `script-src 'self' ${[...scriptExtras, ...externalList(manifest.external, 'scripts')].join(' ')}`.trim(),
    `style-src 'self' ${[...quoted(manifest.content.styles), ...externalList(manifest.external, 'styles')].join(' ')}`.trim(),
    `img-src 'self' data: blob: ${externalList(manifest.external, 'images').join(' ')}`.trim(),
    `font-src 'self' ${externalList(manifest.external, 'fonts').join(' ')}`.trim(),
    `media-src 'self' data: blob: ${externalList(manifest.external, 'media').join(' ')}`.trim(),
    `connect-src 'self' ${externalList(manifest.external, 'fetch.client').join(' ')}`.trim(),
    `frame-src 'self' ${externalList(manifest.external, 'frames').join(' ')}`.trim(),
    "frame-ancestors 'self'",
    "form-action 'self'",
    'report-uri /_host/csp-report',
  ].join('; ');
}

/** index.html with the shim first in <head>, so `globalThis.__bridge` exists before the app's code runs. */
export function injectShim(document: string, frame: string, colorMode: 'light' | 'dark'): string {
  const tag = `<script src="/_host/bridge.js" data-frame="${frame.replace(/[^a-zA-Z0-9-]/g, '')}" data-color-mode="${colorMode}"></script>`;
  const head = /<head[^>]*>/i.exec(document);
  if (head)
    return document.slice(0, head.index + head[0].length) + tag + document.slice(head.index + head[0].length);
  return tag + document;
}

export function serveResource(input: {
  dir: string;
  path: string;
  manifest: AppManifest;
  frame: string | null;
  colorMode: 'light' | 'dark';
  csp: boolean;
  /** The request's If-None-Match header. */
  ifNoneMatch?: string;
}): ServedFile {
  const relative = input.path === '' || input.path.endsWith('/') ? `${input.path}index.html` : input.path;
  const file = fileInside(input.dir, relative);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    const missingBuild = relative === 'index.html' && !existsSync(join(input.dir, 'index.html'));
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: missingBuild
        ? `The Custom UI is not built (${join(input.dir, 'index.html')} is missing). Run \`npm run build\` and reload.`
        : 'Not found',
    };
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  if (extname(file).toLowerCase() !== '.html') {
    // Revalidated on every use (a rebuild shows at once), but answered 304 when unchanged, so the browser
    // keeps its cached copy and compiled code.
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = { 'content-type': type, 'cache-control': 'no-cache', etag };
    if (input.ifNoneMatch === etag) return { status: 304, headers, body: '' };
    return { status: 200, headers, body: readFileSync(file) };
  }
  const document = readFileSync(file, 'utf8');
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
  if (input.csp) headers['content-security-policy'] = contentSecurityPolicy(input.manifest);
  return {
    status: 200,
    headers,
    body: input.frame ? injectShim(document, input.frame, input.colorMode) : document,
  };
}
