// What `npm start` prints under "Try:": where to go in the sandbox, one labelled address a line. The app's
// pages are printed in Jira's own URL shape (`/jira/software/projects/{KEY}/[settings/]apps/{appId}/{envId}`),
// the one the app links to from its emails, which the host serves as Jira does.
import { DEMO, type RunningSite } from '../site';
import type { RunningHost } from './index';

function firstSubtaskOf(site: RunningSite, parentKey: string): string | null {
  const parent = site.state.getIssue(parentKey);
  if (!parent) return null;
  for (const issue of site.state.issues.values()) {
    if (issue.parentId === parent.id && site.state.issueType(issue.issueTypeId).hierarchyLevel < 0)
      return issue.key;
  }
  return null;
}

/** A project page (or, `settings`, project settings page) of the app in a project, as Jira addresses it. */
export function jiraPageUrl(
  host: Pick<RunningHost, 'url' | 'functions'>,
  projectKey: string,
  settings: boolean,
) {
  const { appId, environmentId } = host.functions.app;
  return `${host.url}/jira/software/projects/${encodeURIComponent(projectKey)}/${settings ? 'settings/' : ''}apps/${appId}/${environmentId}`;
}

export function whatToTry(
  host: Pick<RunningHost, 'url' | 'functions' | 'manifest'>,
  site: RunningSite | null,
): string {
  const hostUrl = host.url;
  const browse = (key: string) => `${hostUrl}/browse/${key}`;
  if (!site) {
    return [
      `  Projects:              ${hostUrl}/jira/projects`,
      '  Open an epic or a story, then a project\'s "Alignment" page.',
    ].join('\n');
  }
  const subtask = firstSubtaskOf(site, DEMO.issues.coveredStory);
  const page = host.manifest.uiModules.find((m) => m.type === 'jira:projectPage');
  const settings = host.manifest.uiModules.find((m) => m.type === 'jira:projectSettingsPage');
  const admin = DEMO.adminUser.displayName.split(' ')[0] ?? DEMO.adminUser.displayName;
  const rows: Array<[string, string]> = [
    [`Issues of ${DEMO.projectName}`, `${hostUrl}/jira/software/projects/${DEMO.projectKey}/issues`],
    ['An epic with its PM', browse(DEMO.issues.coveredEpic)],
    ['A story with its PO', browse(DEMO.issues.coveredStory)],
    ...(subtask ? [['A sub-task (no slot)', browse(subtask)] as [string, string]] : []),
    ['An epic without a PM', browse(DEMO.gapExamples.EPIC_WITHOUT_PM[0] ?? DEMO.issues.coveredEpic)],
    ...(page ? [[`${page.title} page`, jiraPageUrl(host, DEMO.projectKey, false)] as [string, string]] : []),
    ...(settings
      ? [[`${settings.title} settings`, jiraPageUrl(host, DEMO.projectKey, true)] as [string, string]]
      : []),
    ['Outbox (emails sent)', `${hostUrl}/sandbox/outbox`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [
    ...rows.map(([label, url]) => `  ${`${label}:`.padEnd(width)}${url}`),
    "  On an issue, click the app's button to add its panel; the first time, allow the app access to act as you.",
    ...(settings
      ? [
          `  Settings: in a project's sidebar, Project settings › ${settings.title} (project admins only: act as ${admin}).`,
        ]
      : []),
    '  Outbox: Sandbox menu › Outbox lists every email sent; "Run the scheduled job now" there sends the due digests.',
    '  Switch "Acting as" in the top bar to see the app as another person; ◐ switches light/dark;',
    '  the Sandbox menu adds latency, 429 / 5xx bursts or a large project, and revokes your consent.',
  ];
  return lines.join('\n');
}
