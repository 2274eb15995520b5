// Where the email's mute link points inside the Alignment page (pure, so it is unit-tested without a bridge).

/** The path segment the email's link appends to the Alignment page's URL (the same as src/app/notify/mute-link.ts). */
export const MUTE_ROUTE = '/mute';

/** Whether the page's history location is the mute link's (`…/mute`, or `?mute=1` from a hand-made link). */
export function isMuteRoute(location: { pathname: string; search: string }): boolean {
  const path = location.pathname.replace(/\/+$/, '');
  return path.endsWith(MUTE_ROUTE) || /(^|[?&])mute=1(&|$)/.test(location.search);
}
