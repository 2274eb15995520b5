// The email a person gets: one digest per run across projects, text and HTML, with a link to each issue and to
// each project's Alignment page (where the mute switch is). Without impersonation the app cannot tell which
// issues the person may see, so that digest names no issue at all: counts per project and the page's link, which
// shows each viewer only their issues.
import type { GapCode } from '../../domain/model';
import { muteLinkOf } from './mute-link';
import type { PlannedItem } from './plan-run';

export interface DigestProject {
  projectKey: string;
  projectName: string;
  /** The site's base URL (`https://example.atlassian.net`), null when unknown (links are then left out). */
  siteUrl: string | null;
  /** The project's Alignment page, null when unknown. */
  pageUrl: string | null;
  items: PlannedItem[];
  /** Due gaps not listed (a long digest lists the first ones; the rest are on the page and come next run). */
  more?: number;
}

export interface Digest {
  subject: string;
  textBody: string;
  htmlBody: string;
}

/** What each gap asks for, in the words of the issue context. */
const GAP_TEXT: Record<GapCode, string> = {
  OWNERSHIP_INVALID: 'the Role Split owner record is damaged: reset it',
  EPIC_WITHOUT_PM: 'no PM: assign one',
  PM_NOT_ELIGIBLE: 'the PM may not hold the role: change the PM',
  STORY_WITHOUT_PO: 'no PO: assign one',
  PO_NOT_ELIGIBLE: 'the PO may not hold the role: change the PO',
  ROLE_MISPLACED: 'an owner sits in the wrong slot: move it',
  SAME_PERSON_PM_AND_PO: 'the same person is PM of the epic and PO of the story',
  STORY_WITHOUT_EPIC: 'no parent epic: set one',
  EPIC_WITHOUT_STORIES: 'no stories yet: add one',
};

export function gapText(code: GapCode): string {
  return GAP_TEXT[code];
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function counts(items: readonly PlannedItem[], more: number): string {
  const reminders = items.filter((i) => i.reminder).length;
  const fresh = items.length - reminders;
  const parts = [fresh > 0 ? `${fresh} new` : null, reminders > 0 ? `${reminders} still open` : null];
  if (more > 0) parts.push(`${more} more`);
  const total = items.length + more;
  return `${total} ${total === 1 ? 'gap' : 'gaps'} (${parts.filter(Boolean).join(', ')})`;
}

export function composeDigest(projects: readonly DigestProject[], withSummaries: boolean): Digest {
  const total = projects.reduce((n, p) => n + p.items.length + (p.more ?? 0), 0);
  const keys = projects.map((p) => p.projectKey).join(', ');
  const subject = `Role Split digest: ${total} ${total === 1 ? 'gap' : 'gaps'} to fix in ${keys}`;
  const text: string[] = ['Role Split found gaps in the PM/PO split that you can help close.', ''];
  const html: string[] = ['<p>Role Split found gaps in the PM/PO split that you can help close.</p>'];
  for (const project of projects) {
    const heading = `${project.projectName} (${project.projectKey}): ${counts(project.items, project.more ?? 0)}`;
    text.push(heading);
    html.push(`<h3>${escapeHtml(heading)}</h3>`);
    if (withSummaries) {
      html.push('<ul>');
      for (const item of project.items) {
        const url = project.siteUrl ? `${project.siteUrl}/browse/${encodeURIComponent(item.issueKey)}` : null;
        const tag = item.reminder ? 'still open' : 'new';
        text.push(
          `- ${item.issueKey} ${item.summary} — ${gapText(item.code)} [${tag}]${url ? `\n  ${url}` : ''}`,
        );
        const key = url
          ? `<a href="${escapeHtml(url)}">${escapeHtml(item.issueKey)}</a>`
          : escapeHtml(item.issueKey);
        html.push(
          `<li>${key} ${escapeHtml(item.summary)} — ${escapeHtml(gapText(item.code))} <em>(${tag})</em></li>`,
        );
      }
      html.push('</ul>');
      if (project.more) {
        const rest = `…and ${project.more} more on the Alignment page.`;
        text.push(rest);
        html.push(`<p>${escapeHtml(rest)}</p>`);
      }
    } else {
      const note = 'Open the Alignment page to see them: it lists only the issues you may see.';
      text.push(note);
      html.push(`<p>${escapeHtml(note)}</p>`);
    }
    if (project.pageUrl) {
      const mute = muteLinkOf(project.pageUrl);
      text.push(`All gaps: ${project.pageUrl}`);
      text.push(`Mute these reminders for ${project.projectKey}: ${mute}`);
      html.push(
        `<p><a href="${escapeHtml(project.pageUrl)}">All gaps on the Alignment page</a> · ` +
          `<a href="${escapeHtml(mute)}">Mute these reminders for ${escapeHtml(project.projectKey)}</a></p>`,
      );
    }
    text.push('');
  }
  text.push(
    'You get this because you lead the project, lead its PMs, own an epic or story, or were named as a recipient.',
  );
  html.push(
    '<p><small>You get this because you lead the project, lead its PMs, own an epic or story, or were named as a recipient.</small></p>',
  );
  return { subject, textBody: text.join('\n'), htmlBody: html.join('\n') };
}
