// Words for the page's status line: how old the results are and what a running scan is doing. Pure, so the
// wording is tested without a browser.
import type { ScanStatusView } from '../../../src/contract/alignment';
import { relativeTime } from '../format';

/**
 * "Results from 12 minutes ago"; null when the time cannot be read. The age is worded by Intl in the viewer's
 * locale; around a phrase in another language the sentence becomes a label ("Results: vor 3 Stunden"), since
 * the page's own words are English.
 */
export function resultsAgeText(resultsAt: string, now: Date, locale: string): string | null {
  const age = relativeTime(resultsAt, now, locale);
  if (age === null) return null;
  if (age === 'just now') return 'Results from less than a minute ago';
  return new Intl.Locale(locale).language === 'en' ? `Results from ${age}` : `Results: ${age}`;
}

const PHASE_TEXT: Readonly<Record<ScanStatusView['phase'], string>> = {
  finding: 'Finding the project’s issues',
  reading: 'Reading issues',
  related: 'Reading parent epics and child stories',
  evaluating: 'Checking ownership',
  storing: 'Saving results',
  done: 'Finishing',
};

/** "Reading issues: 1,200 of 10,000"; "Waiting to start" for a queued scan. */
export function scanProgressText(scan: ScanStatusView, locale: string): string {
  if (scan.state === 'queued') return 'Waiting to start';
  const number = new Intl.NumberFormat(locale);
  const phase = PHASE_TEXT[scan.phase];
  if (scan.total === null) return scan.done > 0 ? `${phase}: ${number.format(scan.done)}` : phase;
  return `${phase}: ${number.format(scan.done)} of ${number.format(scan.total)}`;
}

/** Share of issues read, for the progress bar; null until the total is known. */
export function scanFraction(scan: ScanStatusView): { done: number; total: number } | null {
  if (scan.total === null || scan.total <= 0) return null;
  return { done: Math.min(scan.done, scan.total), total: scan.total };
}

export function isScanActive(scan: ScanStatusView | null): scan is ScanStatusView {
  return scan !== null && (scan.state === 'queued' || scan.state === 'running');
}

/** What the viewer can do about a failed scan, by the code the scan recorded. */
export function scanFailureAdvice(code: string): string {
  switch (code) {
    case 'FORBIDDEN':
    case 'APP_CANNOT_READ':
      return 'Role Split could not read this project’s issues. Ask a Jira admin to give the app Browse projects in this project, then choose Rescan now.';
    case 'RATE_LIMITED':
      return 'Jira limited how fast Role Split may read. The daily scan tries again on its own; you can also choose Rescan now in a few minutes.';
    case 'JIRA_UNAVAILABLE':
      return 'Jira did not answer while the scan read issues. Choose Rescan now; the scan resumes from where it stopped.';
    default:
      return 'Choose Rescan now to try again. If it fails the same way, tell your Jira admin, quoting the message above.';
  }
}
