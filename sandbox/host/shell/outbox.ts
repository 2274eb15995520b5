// The sandbox's outbox page (/sandbox/outbox): every message the app sent through `POST /issue/{key}/notify`,
// newest first, with whom the embedded site delivered it to and whom it left out (and why), the subject and
// both bodies — so a reviewer sees exactly what a person would read. Also where the notification run is
// started by hand and offline impersonation is granted or refused for the site.
import { z } from 'zod';
import { html, raw, type Html } from './html';

export const outboxMessageSchema = z
  .object({
    id: z.string(),
    issueKey: z.string(),
    sentBy: z.string(),
    sentAt: z.string(),
    subject: z.string(),
    textBody: z.string(),
    htmlBody: z.string().nullable(),
    recipients: z.array(z.object({ accountId: z.string(), displayName: z.string() }).loose()),
    skipped: z.array(z.object({ accountId: z.string(), reason: z.string() })),
  })
  .loose();
export type OutboxView = z.infer<typeof outboxMessageSchema>;

export const NOTIFY_TRIGGER_KEY = 'role-split-notify-hourly';

/** What the hourly trigger's function answers (src/forge/notify-trigger.ts). */
const runResult = z.object({ runId: z.string(), queued: z.number().int().min(0) }).loose();

/**
 * "Run the scheduled job now" in words: the run, how many projects it queued and, when none, why none can be —
 * the trigger does not say which applied, so every reason is named with where to change it.
 */
export function describeRun(result: unknown): string {
  const parsed = runResult.safeParse(result);
  if (!parsed.success)
    return `The run was started, but its function answered something else than a run (${JSON.stringify(result) ?? 'nothing'}).`;
  const { runId, queued } = parsed.data;
  if (queued > 0)
    return `Run ${runId} started: ${queued} ${queued === 1 ? 'project' : 'projects'} queued; the digests follow through the queue within a few seconds and appear below.`;
  return (
    `Run ${runId} started: no project queued, so no email. No project has Role Split and notifications on ` +
    `for this hour on one of its weekdays (in the project's time zone), or those that have were already done ` +
    `in this hour's run (one run an hour; it never emails twice). Project settings › Role Split › ` +
    `Notifications sets the hour, the weekdays and the time zone.`
  );
}

export interface OutboxPage {
  messages: OutboxView[];
  impersonation: 'granted' | 'refused' | 'not-declared';
  /** What the last "run now" did, from the query string. */
  ran: string | null;
  /** The embedded site's outgoing mail: off, notify answers 403 (the settings page says so). */
  outgoingMail: boolean;
}

function controls(page: OutboxPage): Html {
  const back = html`<input type="hidden" name="back" value="/sandbox/outbox" />`;
  const impersonation =
    page.impersonation === 'not-declared'
      ? html`<p data-impersonation="not-declared">
          manifest.yml declares no scope with <code>allowImpersonation: true</code>: offline impersonation is
          refused.
        </p>`
      : html`<form method="post" action="/_host/impersonation">
          ${back}
          <input type="hidden" name="granted" value="${page.impersonation === 'granted' ? '0' : '1'}" />
          <span data-impersonation="${page.impersonation}"
            >Offline impersonation is ${page.impersonation === 'granted' ? 'granted' : 'refused'} for this
            site${page.impersonation === 'granted' ? '' : ': emails name no issue'}.</span
          >
          <button class="button" type="submit" id="impersonation-toggle">
            ${page.impersonation === 'granted' ? 'Refuse impersonation' : 'Grant impersonation'}
          </button>
        </form>`;
  return html`<section class="outbox__controls" aria-label="Notification run">
    <form method="post" action="/_host/notify/run-now">
      <button class="button button--primary" type="submit" id="notify-run-now">
        Run the scheduled job now
      </button>
      <span class="muted"
        >Runs the hourly trigger once. A project is due only in the hour its settings name (its time zone and
        weekdays); its digests follow through the queue within a few seconds.</span
      >
    </form>
    ${page.ran ? html`<p role="status" data-ran>${page.ran}</p>` : ''} ${impersonation}
    <form method="post" action="/_host/outgoing-mail">
      ${back}
      <input type="hidden" name="granted" value="${page.outgoingMail ? '0' : '1'}" />
      <span data-outgoing-mail="${page.outgoingMail ? 'on' : 'off'}"
        >Outgoing mail is ${page.outgoingMail ? 'on' : 'off: notify answers 403'}.</span
      >
      <button class="button" type="submit" id="outgoing-mail-toggle">
        ${page.outgoingMail ? 'Turn outgoing mail off' : 'Turn outgoing mail on'}
      </button>
    </form>
  </section>`;
}

function message(m: OutboxView): Html {
  return html`<article class="outbox__message" data-message="${m.id}" aria-labelledby="msg-${m.id}">
    <h2 id="msg-${m.id}">${m.subject}</h2>
    <dl class="outbox__meta">
      <dt>Sent</dt>
      <dd><time datetime="${m.sentAt}">${m.sentAt.replace('T', ' ').slice(0, 19)}</time> on ${m.issueKey}</dd>
      <dt>To</dt>
      <dd data-recipients>${m.recipients.map((r) => r.displayName).join(', ') || 'nobody'}</dd>
      ${
        m.skipped.length > 0
          ? html`<dt>Left out</dt>
              <dd>${m.skipped.map((s) => `${s.accountId} (${s.reason})`).join(', ')}</dd>`
          : ''
      }
    </dl>
    <details>
      <summary>Text body</summary>
      <pre class="outbox__text">${m.textBody}</pre>
    </details>
    ${
      m.htmlBody
        ? html`<details>
            <summary>HTML body (shown as text)</summary>
            <pre class="outbox__text">${m.htmlBody}</pre>
          </details>`
        : ''
    }
  </article>`;
}

export function outboxBody(page: OutboxPage): Html {
  const newest = [...page.messages].reverse();
  return html`<div class="outbox">
    <h1>Outbox</h1>
    <p class="muted">
      Every email the app asked Jira to send (<code>POST /rest/api/3/issue/{key}/notify</code>), as the
      embedded site resolved its recipients.
    </p>
    ${controls(page)} ${newest.length === 0 ? html`<p data-empty>No message sent yet.</p>` : raw('')}
    ${newest.map(message)}
  </div>`;
}
