// The issue view's workflow: a button per transition the acting user may take (Jira's status menu), posted to
// `POST /_host/transition`, which asks the site as that user. When Jira refuses — a workflow validator's
// message, such as Role Split's "This Epic has no Product Manager (PM): ..." — the page comes back with the
// refusal shown once, in an alert under the buttons, as Jira shows a validator's error on the transition.
import { z } from 'zod';
import { html, type Html } from './html';
import { ShellJiraError, type ShellJira, type ShellTransition } from './jira-view';

export const transitionForm = z.object({
  issueKey: z.string().min(1),
  transitionId: z.string().regex(/^\d+$/),
  to: z.string().max(255).default(''),
  back: z.string().optional(),
});

export interface Refusal {
  to: string;
  message: string;
}

/** One refusal per (user, issue), shown on the next render of that issue's view and then forgotten. */
export class RefusalFlash {
  private readonly pending = new Map<string, Refusal>();

  set(accountId: string, issueKey: string, refusal: Refusal): void {
    this.pending.set(`${accountId}\n${issueKey.toUpperCase()}`, refusal);
  }

  take(accountId: string, issueKey: string): Refusal | null {
    const key = `${accountId}\n${issueKey.toUpperCase()}`;
    const refusal = this.pending.get(key) ?? null;
    this.pending.delete(key);
    return refusal;
  }
}

/**
 * Takes the transition the form names, as the acting user. A 400 from Jira (a validator, a transition no longer
 * available) is kept for the next render; anything else (the site down, 5xx) is thrown for the error page.
 */
export async function takeTransition(
  jira: ShellJira,
  form: z.output<typeof transitionForm>,
  flash: RefusalFlash,
  accountId: string,
): Promise<void> {
  try {
    await jira.transition(form.issueKey, form.transitionId);
  } catch (error) {
    if (!(error instanceof ShellJiraError) || error.status !== 400) throw error;
    flash.set(accountId, form.issueKey, { to: form.to, message: error.message });
  }
}

/** The transition buttons and, after a refusal, the message (an alert, so screen readers announce it). */
export function workflowSection(input: {
  issueKey: string;
  transitions: ShellTransition[];
  refusal: Refusal | null;
  back: string;
}): Html {
  return html`<section class="workflow" aria-label="Workflow" data-workflow>
    ${
      input.transitions.length === 0
        ? html`<p class="muted">No transitions are available to you.</p>`
        : html`<div class="issue-apps" role="group" aria-label="Move this issue">
            ${input.transitions.map(
              (t) =>
                html`<form method="post" action="/_host/transition" class="issue-apps__item">
                  <input type="hidden" name="issueKey" value="${input.issueKey}" />
                  <input type="hidden" name="transitionId" value="${t.id}" />
                  <input type="hidden" name="to" value="${t.to}" />
                  <input type="hidden" name="back" value="${input.back}" />
                  <button type="submit" class="button" data-transition="${t.id}">
                    ${t.name === t.to ? t.to : html`${t.name} → ${t.to}`}
                  </button>
                </form>`,
            )}
          </div>`
    }
    ${
      input.refusal
        ? html`<div class="error-box" role="alert" data-transition-refusal>
            <strong
              >${input.refusal.to ? `Could not move ${input.issueKey} to ${input.refusal.to}` : `Could not move ${input.issueKey}`}</strong
            >
            <p>${input.refusal.message}</p>
          </div>`
        : ''
    }
  </section>`;
}
