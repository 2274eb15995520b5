// The client under test, wired the way the CLI wires it: fetchTransport against a real local HTTP server.
// Retries never wait: `sleep` records the requested delays and resolves at once.
import { createJiraClient } from '../../../src/jira/client';
import type { JiraClientOptions } from '../../../src/jira/requester';
import { fetchTransport, type FetchTransportOptions } from '../../../src/jira/transport-fetch';
import type { JiraClient } from '../../../src/jira/types';
import { startHttpStub, type HttpStub } from '../../support/http-stub';

export const TEST_EMAIL = 'auditor@example.com';
export const TEST_TOKEN = 'ATATT3x-not-a-real-token';

export interface Harness {
  stub: HttpStub;
  /** Delays the client asked to sleep, in order. */
  sleeps: number[];
  client(options?: JiraClientOptions, transport?: Partial<FetchTransportOptions>): JiraClient;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const stub = await startHttpStub();
  const sleeps: number[] = [];
  return {
    stub,
    sleeps,
    client(options = {}, transport = {}) {
      return createJiraClient(
        fetchTransport({ siteUrl: stub.url, email: TEST_EMAIL, apiToken: TEST_TOKEN, ...transport }),
        {
          sleep: (ms) => {
            sleeps.push(ms);
            return Promise.resolve();
          },
          ...options,
        },
      );
    },
    close: () => stub.close(),
  };
}

/** Runs `action` and returns what it threw (failing the test if it did not throw). */
export async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
