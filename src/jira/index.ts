// The Jira client's public surface: `createJiraClient(forgeTransport(api.asApp()))` in Forge functions,
// `createJiraClient(fetchTransport({ siteUrl, email, apiToken }))` in the CLI and the local host.
export * from './types';
export {
  createJiraClient,
  isMissingPropertyAnswer,
  SEARCH_PAGE_SIZE,
  ID_PAGE_SIZE,
  BULK_FETCH_MAX_ISSUES,
  BULK_FETCH_MAX_PROPERTIES,
  USER_BULK_BATCH_SIZE,
  BULK_PROPERTY_MAX_ISSUES,
  BULK_PROPERTY_MAX_PROPERTIES,
} from './client';
export {
  parseRetryAfter,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIME_BUDGET_MS,
  type JiraClientOptions,
} from './requester';
export {
  JiraError,
  isJiraError,
  describeJiraError,
  kindForStatus,
  type JiraErrorKind,
  type JiraErrorInit,
} from './errors';
export { forgeTransport, type ForgeJiraRequester } from './transport-forge';
export {
  fetchTransport,
  normaliseSiteUrl,
  DEFAULT_FETCH_TIMEOUT_MS,
  type FetchTransportOptions,
} from './transport-fetch';
