// The email's own mute link: the project's Alignment page with `/mute` after the module's base URL
// (`/jira/{projectType}/projects/{KEY}/apps/{appId}/{envId}/mute`). Jira gives the app everything after the base
// URL through its page history (`view.createHistory()`, as for a page's subpages), and the page then asks the
// person to confirm before muting (static/src/components/mute-landing.ts, which repeats MUTE_ROUTE: the Custom UI
// imports no values from src/app). A link alone never mutes: mail scanners open links.
// The digest (digest.ts) puts it under each project's section.

export const MUTE_ROUTE = '/mute';

export function muteLinkOf(pageUrl: string): string {
  return `${pageUrl.replace(/\/+$/, '')}${MUTE_ROUTE}`;
}
