// Turns the Jira client's loosely parsed issues into the engine's IssueFacts, and names the fields and the
// property every read asks for, so a scan costs one search page per 100 issues and nothing per issue.
import type { IssueFacts } from '../domain/model';
import { OWNERSHIP_PROPERTY_KEY } from '../domain/ownership';
import type { JiraIssue } from '../jira/types';

export const ISSUE_FIELDS = ['summary', 'issuetype', 'status', 'created', 'parent', 'project'];
export const ISSUE_PROPERTIES = [OWNERSHIP_PROPERTY_KEY];
/** What the project scan reads per issue: the rules' fields, plus whether it is secured and when it changed. */
export const SCAN_FIELDS = [...ISSUE_FIELDS, 'security', 'updated'];

/** `ABC-12` -> `ABC`; Jira keys are always PROJECT-NUMBER. */
export function projectKeyOf(issueKey: string): string {
  const dash = issueKey.lastIndexOf('-');
  return dash > 0 ? issueKey.slice(0, dash) : issueKey;
}

export function toIssueFacts(issue: JiraIssue): IssueFacts {
  const { fields } = issue;
  return {
    id: issue.id,
    key: issue.key,
    projectKey: fields.project?.key ?? projectKeyOf(issue.key),
    issueType: {
      id: fields.issuetype?.id ?? '',
      name: fields.issuetype?.name ?? 'Unknown',
      // A type without a level (never seen from Jira Cloud, but the field is optional) is treated as
      // out of scope by the engine rather than guessed at.
      hierarchyLevel: fields.issuetype?.hierarchyLevel ?? (fields.issuetype?.subtask ? -1 : Number.NaN),
    },
    summary: fields.summary ?? '',
    statusCategory: fields.status?.statusCategory?.key ?? 'new',
    created: fields.created ?? '',
    parentKey: fields.parent?.key ?? null,
    ownership: issue.properties[OWNERSHIP_PROPERTY_KEY],
  };
}

/** IssueFacts of an issue read with SCAN_FIELDS: `secured` says whether it has a security level. */
export function toScanFacts(issue: JiraIssue): IssueFacts {
  return { ...toIssueFacts(issue), secured: issue.fields.security !== undefined };
}

/**
 * What Jira embeds about an issue's parent (key, summary, status, issue type with its level), as IssueFacts
 * without ownership: used when the parent itself cannot be read (another project the reader cannot browse),
 * so a story under such an epic still has an epic instead of a false STORY_WITHOUT_EPIC.
 */
export function parentStubOf(issue: JiraIssue): IssueFacts | null {
  const parent = issue.fields.parent;
  if (!parent) return null;
  const level = parent.fields?.issuetype?.hierarchyLevel;
  return {
    id: parent.id ?? '',
    key: parent.key,
    projectKey: projectKeyOf(parent.key),
    issueType: {
      id: parent.fields?.issuetype?.id ?? '',
      name: parent.fields?.issuetype?.name ?? 'Unknown',
      hierarchyLevel: level ?? Number.NaN,
    },
    summary: parent.fields?.summary ?? '',
    statusCategory: parent.fields?.status?.statusCategory?.key ?? 'new',
    created: '',
    parentKey: null,
    ownership: undefined,
  };
}

/** Splits a list into chunks of at most `size` (JQL `in (...)` lists are kept to 100 keys). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Quotes a value for JQL (keys and account ids are safe, but a project key is user input). */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
