// The ports a use case takes as arguments. Forge entry points, the CLI and the sandbox each supply their own.
import type { Waiver } from '../domain/model';
import type { JiraClient } from '../jira/types';

export interface Clock {
  now(): Date;
}

/** Waivers recorded by the app; the CLI has none. */
export interface WaiverSource {
  waiversFor(project: { id: string; key: string }): Promise<Waiver[]>;
}

export interface ScanPorts {
  /** Reads as the app: role membership and issues the caller may not see are needed for a faithful scan. */
  jira: JiraClient;
  /**
   * Reads issues as the viewing user, where what is shown must be only what they may see (the issue panel's
   * parent and children). Role membership and accounts are still read with `jira`. Defaults to `jira`.
   */
  userJira?: JiraClient;
  clock: Clock;
  waivers?: WaiverSource;
}
