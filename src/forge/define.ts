// The one pattern every Role Split resolver follows, so each definition stays a few lines:
//   Forge context -> (module's context schema) -> payload (the contract's zod schema) -> use case -> envelope.
// The issue and project always come from the Forge context (signed by the platform), never from the payload,
// and whatever the use case throws becomes a safe envelope error through `toResolverError`. Every call ends in
// one structured log line (key, duration, Jira requests, outcome code) for `forge logs`.
import { NeedsAuthenticationError } from '@forge/api';
import type Resolver from '@forge/resolver';
import type { z } from 'zod';
import { AppError, toResolverError } from '../app/errors';
import { failure, success, type Envelope } from '../contract/envelope';
import { resolverContract, type ResolverKey, type ResultOf } from '../contract/resolvers';
import { resolverPorts, type RequestMeter } from './ports';

type PayloadOut<K extends ResolverKey> = z.output<(typeof resolverContract)[K]['payload']>;

export interface ResolverInput<K extends ResolverKey, C> {
  payload: PayloadOut<K>;
  /** The module's context, parsed: what the platform says the UI is showing. */
  context: C;
  /** The invoking user, from the platform (`req.context.accountId`). */
  accountId: string | undefined;
  /** This invocation's ports (Jira requests counted for the log line). */
  ports: ReturnType<typeof resolverPorts>;
}

export interface ResolverSpec<K extends ResolverKey, C> {
  /** Parses `req.context`; a context without what the module needs means the call came from elsewhere. */
  context: z.ZodType<C>;
  /** Shown when the context does not parse. */
  wrongPlace: string;
  run(input: ResolverInput<K, C>): Promise<ResultOf<K>>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The structured line every resolver call logs: no payload, no account ids, no issue keys. */
export interface ResolverLogLine {
  resolver: string;
  durationMs: number;
  jiraRequests: number;
  outcome: string;
}

export function logResolverCall(line: ResolverLogLine): void {
  console.log(JSON.stringify({ event: 'role-split.resolver', ...line }));
}

export function defineResolver<K extends ResolverKey, C>(
  resolver: Resolver,
  key: K,
  spec: ResolverSpec<K, C>,
): void {
  resolver.define(
    key,
    async (req: { payload: unknown; context: Record<string, unknown> }): Promise<Envelope<ResultOf<K>>> => {
      const started = Date.now();
      const meter: RequestMeter = { jiraRequests: 0 };
      const log = (outcome: string) =>
        logResolverCall({
          resolver: key,
          durationMs: Date.now() - started,
          jiraRequests: meter.jiraRequests,
          outcome,
        });
      try {
        const result = await handle(key, spec, req, meter);
        log(result.ok ? 'OK' : result.error.code);
        return result;
      } catch (error) {
        log('NEEDS_AUTHENTICATION');
        throw error;
      }
    },
  );
}

async function handle<K extends ResolverKey, C>(
  key: K,
  spec: ResolverSpec<K, C>,
  req: { payload: unknown; context: Record<string, unknown> },
  meter: RequestMeter,
): Promise<Envelope<ResultOf<K>>> {
  const context = spec.context.safeParse(req.context);
  if (!context.success) return failure('BAD_REQUEST', spec.wrongPlace);
  const payload = resolverContract[key].payload.safeParse(req.payload ?? {});
  if (!payload.success) return failure('BAD_REQUEST', `Invalid request: ${describeIssues(payload.error)}`);
  const accountId = typeof req.context.accountId === 'string' ? req.context.accountId : undefined;
  try {
    return success(
      await spec.run({
        payload: payload.data as PayloadOut<K>,
        context: context.data,
        accountId,
        ports: resolverPorts(meter),
      }),
    );
  } catch (error) {
    // The user has not allowed the app to act as them: let Forge's error through, so the platform (and the
    // bridge's invoke) asks for consent instead of the UI showing "something went wrong".
    if (error instanceof NeedsAuthenticationError) throw error;
    const safe = toResolverError(error);
    // Business outcomes (a roster problem, a missing issue, a refusal) are the user's to act on; anything else
    // is logged for `forge logs`. JiraError messages name endpoint templates and statuses, never credentials.
    if (!(error instanceof AppError)) {
      console.error(
        `Role Split resolver ${key} failed (${safe.code}):`,
        error instanceof Error ? error.message : error,
      );
    }
    return { ok: false, error: safe };
  }
}
