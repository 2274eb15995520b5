// IssueFacts in and out of a stored rs-issue record: the facts an incremental rescan merges with fresh ones
// must give the engine exactly what a fresh read would (a test round-trips them through the engine).
import type { IssueFacts } from '../../domain/model';
import type { IssueRecord, StoredFacts } from './records';

/** IssueFacts as the scan reads them now: `secured` says the issue has a security level. */
export type ScannedFacts = IssueFacts & { secured?: boolean };

export function toStoredFacts(facts: ScannedFacts): StoredFacts {
  const level = facts.issueType.hierarchyLevel;
  return {
    key: facts.key,
    projectKey: facts.projectKey,
    // JSON has no NaN: an unknown level is stored as null and read back as NaN (out of scope either way).
    type: {
      id: facts.issueType.id,
      name: facts.issueType.name,
      level: Number.isFinite(level) ? level : null,
    },
    summary: facts.summary,
    status: facts.statusCategory,
    created: facts.created,
    parent: facts.parentKey,
    ...(facts.ownership === undefined ? {} : { ownership: facts.ownership }),
    ...(facts.secured === true ? { secured: true } : {}),
  };
}

export function factsFromStored(issueId: string, stored: StoredFacts): ScannedFacts {
  return {
    id: issueId,
    key: stored.key,
    projectKey: stored.projectKey,
    issueType: {
      id: stored.type.id,
      name: stored.type.name,
      hierarchyLevel: stored.type.level ?? Number.NaN,
    },
    summary: stored.summary,
    statusCategory: stored.status,
    created: stored.created,
    parentKey: stored.parent,
    ownership: stored.ownership,
    ...(stored.secured === true ? { secured: true } : {}),
  };
}

/** The engine's facts of a stored issue (what the scan consumer merges with fresh reads). */
export function factsOf(record: IssueRecord): ScannedFacts {
  return factsFromStored(record.issueId, record.facts);
}
