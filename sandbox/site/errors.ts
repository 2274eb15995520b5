// Jira's error responses: an `ErrorCollection` body `{ errorMessages: [...], errors: { field: message } }`
// with the status. Handlers throw `JiraHttpError`; the server turns it into the response. Messages follow the
// wording Jira Cloud uses where it is known.

export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorCollection,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.errorMessages[0] ?? Object.values(body.errors)[0] ?? `HTTP ${status}`);
  }
}

export function errorCollection(messages: string[], errors: Record<string, string> = {}): ErrorCollection {
  return { errorMessages: messages, errors };
}

export const fieldErrors = (errors: Record<string, string>): JiraHttpError =>
  new JiraHttpError(400, errorCollection([], errors));

export const MESSAGES = {
  notAuthenticated: 'Client must be authenticated to access this resource.',
  badCredentials:
    'Authentication failed: the email address or API token is wrong, or the account is deactivated.',
  issueNotFound: 'Issue does not exist or you do not have permission to see it.',
  invalidPayload: 'Invalid request payload. Refer to the REST API documentation and try again.',
  projectNotFound: (key: string) => `No project could be found with key '${key}'.`,
  projectConfiguration: 'You cannot edit the configuration of this project.',
  userNotFound: 'Specified user does not exist or you do not have required permissions',
  adminOnly: 'Only Jira administrators can perform this operation.',
  propertyNotFound: (key: string) => `The property with key '${key}' does not exist.`,
  noEditPermission: 'You do not have permission to edit issues in this project.',
  unbounded: 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
  maxResultsRange: 'The max results parameter has to be between 1 and 5,000.',
  reconcileChanged: 'The reconcileIssues must be the same on every page of a search.',
  badPageToken: 'The nextPageToken is invalid or has expired. Start the search again from the first page.',
} as const;

export const notFound = (message: string): JiraHttpError =>
  new JiraHttpError(404, errorCollection([message]));
export const forbidden = (message: string): JiraHttpError =>
  new JiraHttpError(403, errorCollection([message]));
