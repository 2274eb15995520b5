// What Jira remembers about the people using the app, kept by the host between runs (viewer.json in the data
// dir): which issue contexts each user has expanded (Jira remembers this per user), which issue panels were
// added to which issue (per issue, once someone clicks the app's button), and which users have granted the
// app access to act as them (`asUser()` consent, per user, until revoked).
import { z } from 'zod';
import { JsonFile } from './json-file';

const stored = z.object({
  version: z.literal(1),
  /** accountId -> module keys of the issue contexts that user keeps open. */
  expandedContexts: z.record(z.string(), z.array(z.string())),
  /** issue id -> module keys of the issue panels added to it. */
  addedPanels: z.record(z.string(), z.array(z.string())),
  /** accountIds that allowed the app to act on their behalf. */
  consented: z.array(z.string()),
  /** Whether the site's admin refused the app's offline user impersonation (absent: granted at install). */
  impersonationRefused: z.boolean().optional(),
});
type Stored = z.output<typeof stored>;

function empty(): Stored {
  return { version: 1, expandedContexts: {}, addedPanels: {}, consented: [] };
}

function toggled(list: string[] | undefined, item: string, on: boolean): string[] {
  const rest = (list ?? []).filter((x) => x !== item);
  return on ? [...rest, item] : rest;
}

export class ViewerState {
  private data: Stored;
  private readonly file: JsonFile<Stored>;

  constructor(path: string | null) {
    const parsed = stored.safeParse(JsonFile.read(path));
    this.data = parsed.success ? parsed.data : empty();
    this.file = new JsonFile(path, () => this.data);
  }

  isContextExpanded(accountId: string, moduleKey: string): boolean {
    return this.data.expandedContexts[accountId]?.includes(moduleKey) ?? false;
  }

  setContextExpanded(accountId: string, moduleKey: string, expanded: boolean): Promise<void> {
    this.data.expandedContexts[accountId] = toggled(
      this.data.expandedContexts[accountId],
      moduleKey,
      expanded,
    );
    return this.file.save();
  }

  isPanelAdded(issueId: string, moduleKey: string): boolean {
    return this.data.addedPanels[issueId]?.includes(moduleKey) ?? false;
  }

  setPanelAdded(issueId: string, moduleKey: string, added: boolean): Promise<void> {
    this.data.addedPanels[issueId] = toggled(this.data.addedPanels[issueId], moduleKey, added);
    return this.file.save();
  }

  hasConsent(accountId: string): boolean {
    return this.data.consented.includes(accountId);
  }

  setConsent(accountId: string, granted: boolean): Promise<void> {
    this.data.consented = toggled(this.data.consented, accountId, granted);
    return this.file.save();
  }

  /** Offline user impersonation (`asUser(accountId)` outside that user's own invocation), per site. */
  impersonationGranted(): boolean {
    return this.data.impersonationRefused !== true;
  }

  setImpersonation(granted: boolean): Promise<void> {
    this.data.impersonationRefused = !granted;
    return this.file.save();
  }

  clear(): Promise<void> {
    this.data = empty();
    return this.file.save();
  }

  flushSync(): void {
    this.file.saveNow();
  }
}
