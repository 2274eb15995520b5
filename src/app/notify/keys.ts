// The KVS keys of scheduled gap notifications (docs/design/notifications.md). Every key of one run starts with
// its run id, so a run's records are listed with one prefix; the ledger and mute switches outlive runs.

/** A run is one hour of the site's clock (UTC): the hourly trigger fired twice in an hour makes the same run. */
export function runIdAt(at: Date): string {
  return at.toISOString().slice(0, 13).replace(/[-T]/g, '');
}

/** The run's record: which projects it enqueued (the recipient stage waits for them). */
export const runKey = (runId: string) => `notify-run:${runId}`;
/** A project's part of a run, written when its stage is done (skipped and capped-out counts). */
export const projectRunKey = (runId: string, projectId: string) => `notify-run:${runId}:project:${projectId}`;
export const projectRunPrefix = (runId: string) => `notify-run:${runId}:project:`;
/** What one recipient is due from one project in a run (written by the project stage). */
export const dueKey = (runId: string, accountId: string, projectId: string) =>
  `notify-due:${runId}:${accountId}:${projectId}`;
export const duePrefix = (runId: string, accountId?: string) =>
  accountId === undefined ? `notify-due:${runId}:` : `notify-due:${runId}:${accountId}:`;
/** The claim of one run's message to one recipient: created atomically before sending. */
export const claimKey = (runId: string, accountId: string) => `notify-claim:${runId}:${accountId}`;
export const claimPrefix = (runId: string) => `notify-claim:${runId}:`;
/** What a recipient was last told about each gap of a project. */
export const ledgerKey = (projectId: string, accountId: string) => `notify-ledger:${projectId}:${accountId}`;
export const ledgerPrefix = (projectId: string) => `notify-ledger:${projectId}:`;
/** The id of the last run that reached a project (the settings page's "last run": run-view.ts). */
export const lastRunKey = (projectId: string) => `notify-last-run-id:${projectId}`;
/** One slot of the site's daily cap, per UTC day: slot n exists once the n-th email of the day was claimed. */
export const daySlotKey = (day: string, slot: number) => `notify-day:${day}:${String(slot).padStart(4, '0')}`;
export const daySlotPrefix = (day: string) => `notify-day:${day}:`;
/** Where the next free slot probably is (a hint: the slots themselves are the truth). */
export const dayHintKey = (day: string) => `notify-day-hint:${day}`;
/** The site-wide daily cap a Jira admin set (app storage: it spans projects). */
export const SITE_CAP_KEY = 'notify-site-cap';
/** What the last send learned about the site: impersonation granted or not, outgoing mail off. */
export const SITE_STATE_KEY = 'notify-site-state';
