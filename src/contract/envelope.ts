// The result envelope every resolver returns across the bridge. The UI maps each error code to a message;
// `message` is always safe to show (no stack traces, no tokens, no internal paths).
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'ROSTER_UNAVAILABLE',
  'RATE_LIMITED',
  'JIRA_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ResolverError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export const resolverErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export function success<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function failure(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
