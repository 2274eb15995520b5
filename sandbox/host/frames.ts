// Every Custom UI iframe the shell renders is registered here under a random token, with the Forge context
// the shell (playing Jira) knows for it: module, issue / project, the user it was rendered for. Bridge calls
// from the iframe name only the token, so the context a resolver receives comes from the host, never from
// the iframe: the trusted-context rule of Forge (see forge-facts.md §2).
import { randomUUID } from 'node:crypto';
import type { UiModule } from './manifest';
import type { AppIdentity } from './runtime';

export interface IssueRef {
  id: string;
  key: string;
  type: string;
  typeId: string;
}

export interface ProjectRef {
  id: string;
  key: string;
  type: string;
}

export type ExtensionContext = (
  | { type: 'jira:issuePanel'; issue: IssueRef; project: ProjectRef; isNewToIssue: boolean }
  | { type: 'jira:issueContext'; issue: IssueRef; project: ProjectRef }
  | { type: 'jira:projectPage' | 'jira:projectSettingsPage'; project: ProjectRef }
) & {
  /** In a bridge `Modal`: the `context` its opener passed (Forge puts it under `extension.modal`). */
  modal?: unknown;
};

export interface FrameRecord {
  token: string;
  module: UiModule;
  /** The resource this frame shows: the module's, or the one a bridge `Modal` named. */
  resource: string;
  /** For a modal: the frame that opened it (its `onClose` is called there). */
  openerToken: string | null;
  accountId: string;
  /** The context `view.getContext()` returns and resolvers receive (without the live theme). */
  context: ForgeContext;
  createdAt: number;
}

export interface ForgeContext {
  accountId: string;
  accountType: 'licensed';
  cloudId: string;
  localId: string;
  moduleKey: string;
  siteUrl: string;
  environmentId: string;
  environmentType: string;
  locale: string;
  timezone: string;
  extension: ExtensionContext;
  theme: { colorMode: 'light' | 'dark' };
}

const MAX_FRAMES = 2000;

export class FrameRegistry {
  private readonly frames = new Map<string, FrameRecord>();

  constructor(private readonly app: AppIdentity) {}

  register(input: {
    module: UiModule;
    accountId: string;
    extension: ExtensionContext;
    siteUrl: string;
    colorMode: 'light' | 'dark';
    locale?: string;
    timezone?: string;
    resource?: string;
    openerToken?: string;
  }): FrameRecord {
    const token = randomUUID();
    const record: FrameRecord = {
      token,
      module: input.module,
      resource: input.resource ?? input.module.resource,
      openerToken: input.openerToken ?? null,
      accountId: input.accountId,
      createdAt: Date.now(),
      context: {
        accountId: input.accountId,
        accountType: 'licensed',
        cloudId: this.app.cloudId,
        localId: `ari:cloud:ecosystem::extension/${this.app.appId}/${this.app.environmentId}/static/${input.module.key}`,
        moduleKey: input.module.key,
        siteUrl: input.siteUrl,
        environmentId: this.app.environmentId,
        environmentType: this.app.environmentType,
        locale: input.locale ?? 'en-US',
        timezone: input.timezone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
        extension: input.extension,
        theme: { colorMode: input.colorMode },
      },
    };
    this.frames.set(token, record);
    // Pages are rendered again on every visit; old frames are forgotten oldest first.
    if (this.frames.size > MAX_FRAMES) {
      const oldest = this.frames.keys().next().value;
      if (oldest !== undefined) this.frames.delete(oldest);
    }
    return record;
  }

  get(token: string): FrameRecord | undefined {
    return this.frames.get(token);
  }
}
