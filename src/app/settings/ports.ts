// What the settings use cases run on. Everything the page reads or writes for the admin goes through
// `userJira` (as the user): Jira refuses what they may not do, and nothing is read for someone the admin check
// turned away. The store holds the scan records (health), the failure log and the policy cache; the queue
// takes the rescan a save asks for.
import type { JiraClient } from '../../jira/types';
import type { Clock, KeyValueStore } from '../ports';
import type { ScanQueue } from '../scan-job/ports';

export interface SettingsPorts {
  userJira: JiraClient;
  store: KeyValueStore;
  clock: Clock;
  queue: ScanQueue;
  newId(): string;
}
