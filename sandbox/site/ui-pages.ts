// Jira's own pages on the embedded site's origin. In Jira one origin serves both the REST API and the pages
// (`/browse/{key}`, `/jira/{type}/projects/{key}/...`), so the links the app builds from a project's `self`
// (the notification digest's issue and mute links) open pages. In the sandbox the site serves only the REST API
// and the local Forge host serves the pages: with a host attached, a browser's GET of a page path here is
// redirected to the same path on the host; without one it stays a 404, as before.

/** The host's base URL, or a function answering it once the host has started (null: no host). */
export type HostUrlOption = string | (() => string | null | undefined);

const PAGE_PATH = /^\/(browse\/[^/]+|jira\/[^/]+\/projects\/[^/]+(\/.*)?)$/;

/** Where to send a request for one of Jira's pages; null when it is not one or no host is attached. */
export function pageRedirect(method: string, url: URL, hostUrl: HostUrlOption | undefined): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (!PAGE_PATH.test(url.pathname)) return null;
  const base = typeof hostUrl === 'function' ? hostUrl() : hostUrl;
  if (!base) return null;
  return `${base.replace(/\/+$/, '')}${url.pathname}${url.search}`;
}
