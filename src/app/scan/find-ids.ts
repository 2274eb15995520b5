// Phase 1 of a scan: the ids of the issues a JQL query matches, with id-only search pages of up to 5,000 ids.
// Each page is yielded as it arrives so a consumer can checkpoint between pages; the end is where Jira says
// (a null `nextPageToken`), never a short page.
import { JiraError } from '../../jira/errors';
import type { JiraClient } from '../../jira/types';

export async function* findIssueIds(
  jira: Pick<JiraClient, 'searchIdsPage'>,
  jql: string,
): AsyncGenerator<string[], void, void> {
  const seen = new Set<string>();
  let token: string | null = null;
  for (;;) {
    const page = await jira.searchIdsPage(jql, token);
    yield page.ids;
    if (page.nextPageToken === null) return;
    if (seen.has(page.nextPageToken)) {
      throw new JiraError({
        kind: 'bad-response',
        endpoint: 'POST /rest/api/3/search/jql',
        detail: 'Jira returned a nextPageToken it had already returned',
      });
    }
    seen.add(page.nextPageToken);
    token = page.nextPageToken;
  }
}

/** Every id of a query, in Jira's order. */
export async function allIssueIds(jira: Pick<JiraClient, 'searchIdsPage'>, jql: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of findIssueIds(jira, jql)) ids.push(...page);
  return ids;
}
