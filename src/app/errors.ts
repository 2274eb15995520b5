// Business errors of the use cases, and the one boundary that turns anything thrown into a safe envelope
// error for the UI: Jira's own wording is kept where it helps (a JQL error), never stacks or credentials.
import type { ErrorCode, ResolverError, ResolverErrorDetails } from '../contract/envelope';
import { JiraError, describeJiraError } from '../jira/errors';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the UI needs beside the message (e.g. who owns the slot now, on CONFLICT). */
    readonly details?: ResolverErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toResolverError(error: unknown): ResolverError {
  if (error instanceof AppError) {
    return error.details
      ? { code: error.code, message: error.message, details: error.details }
      : { code: error.code, message: error.message };
  }
  if (error instanceof JiraError) {
    const message = describeJiraError(error);
    switch (error.kind) {
      case 'not-found':
        return { code: 'NOT_FOUND', message };
      case 'unauthorized':
      case 'forbidden':
        return { code: 'FORBIDDEN', message };
      case 'bad-request':
        return { code: 'BAD_REQUEST', message };
      case 'rate-limited':
        return { code: 'RATE_LIMITED', message };
      default:
        return { code: 'JIRA_UNAVAILABLE', message };
    }
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong in Role Split. Try again; if it persists, tell your Jira admin.',
  };
}
