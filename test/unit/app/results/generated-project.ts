// A generated project for the stored-results tests and the bench: initiatives, epics (one in another project),
// stories, tasks and done issues with every kind of ownership (none, eligible, not in the role, inactive,
// unknown, invalid, misplaced), a few secured issues and waivers, from a seed so every run is the same. Ids are
// numeric, as Jira's are (the scanned-id codec requires it).
import type { EngineInput } from '../../../../src/domain/gap-engine';
import type { IssueFacts, Waiver } from '../../../../src/domain/model';
import { defaultPolicy } from '../../../../src/domain/policy';
import {
  accountsOf,
  anAccount,
  anIssue,
  aRoster,
  TEST_NOW,
  type IssueTypeName,
} from '../../../support/builders';

export const PROJECT = { id: '10000', key: 'ALPHA', name: 'Alpha' };
export const PMS = ['pm-1', 'pm-2', 'pm-3'];
export const POS = ['po-1', 'po-2', 'po-3', 'po-4'];
/** Not in any role, inactive, unknown to Jira. */
export const OTHERS = ['someone', 'gone', 'ghost'];

/** mulberry32: a small seeded generator, enough for test data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedProject {
  input: EngineInput;
  issues: Array<IssueFacts & { secured?: boolean }>;
  related: IssueFacts[];
}

export function generateProject(
  size: number,
  seed = 7,
  options: { securedShare?: number } = {},
): GeneratedProject {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const securedShare = options.securedShare ?? 0.03;
  const foreignEpic = anIssue({
    id: '90001',
    key: 'BETA-1',
    type: 'Epic',
    summary: 'Beta platform epic',
    pm: 'pm-1',
  });
  const issues: Array<IssueFacts & { secured?: boolean }> = [];
  const initiatives: string[] = [];
  const epics: string[] = [];
  for (let n = 1; n <= size; n++) {
    const key = `ALPHA-${n}`;
    const roll = random();
    let type: IssueTypeName = 'Story';
    if (n === 1 || roll < 0.02) type = 'Initiative';
    else if (n === 2 || roll < 0.14) type = 'Epic';
    else if (roll < 0.2) type = 'Task';
    let parent: string | null = null;
    if (type === 'Epic' && initiatives.length > 0 && random() < 0.5) parent = pick(initiatives);
    if (type === 'Story' || type === 'Task') {
      const r = random();
      if (r < 0.75 && epics.length > 0) parent = pick(epics);
      else if (r < 0.8) parent = foreignEpic.key;
      else if (r < 0.83 && initiatives.length > 0) parent = pick(initiatives);
    }
    const strategy = type === 'Initiative' || type === 'Epic';
    const o = random();
    let ownership: unknown;
    if (o < 0.25) ownership = undefined;
    else if (o < 0.8) ownership = strategy ? slots({ pm: pick(PMS) }) : slots({ po: pick(POS) });
    else if (o < 0.88) ownership = strategy ? slots({ pm: pick(OTHERS) }) : slots({ po: pick(OTHERS) });
    else if (o < 0.92) ownership = { schema: 2, pm: 'whatever' };
    else if (o < 0.96) ownership = strategy ? slots({ po: pick(POS) }) : slots({ pm: pick(PMS) });
    else ownership = slots({ pm: pick(PMS), po: pick(PMS) });
    const issue: IssueFacts & { secured?: boolean } = {
      ...anIssue({
        key,
        type,
        parent,
        summary: `${type} number ${n} ${pick(['login', 'billing', 'search', 'Export'])}`,
      }),
      id: String(20000 + n),
      ownership,
      statusCategory: random() < 0.05 ? 'done' : pick(['new', 'indeterminate']),
      ...(random() < securedShare ? { secured: true } : {}),
    };
    issues.push(issue);
    if (type === 'Initiative') initiatives.push(key);
    if (type === 'Epic') epics.push(key);
  }
  const waivers: Waiver[] = issues
    .filter((_, i) => i % 37 === 5)
    .map((issue) => ({
      issueKey: issue.key,
      code: issue.issueType.hierarchyLevel >= 1 ? 'EPIC_WITHOUT_STORIES' : 'STORY_WITHOUT_EPIC',
      reason: `Agreed for ${issue.key}`,
      setBy: 'pm-2',
      expiresAt: '2099-01-01T00:00:00.000Z',
    }));
  const accounts = accountsOf(
    ...[...PMS, ...POS, 'someone'].map((id) => anAccount(id)),
    anAccount('gone', { active: false }),
  );
  const input: EngineInput = {
    projectKeys: [PROJECT.key],
    issues,
    related: [foreignEpic],
    policy: defaultPolicy(),
    roster: aRoster({ pm: PMS, po: POS }),
    accounts,
    waivers,
    now: TEST_NOW,
  };
  return { input, issues, related: [foreignEpic] };
}

function slots(owners: { pm?: string; po?: string }): Record<string, unknown> {
  const slot = (accountId: string) => ({ accountId, setBy: accountId, setAt: '2025-01-02T09:00:00.000Z' });
  return {
    schema: 1,
    ...(owners.pm ? { pm: slot(owners.pm) } : {}),
    ...(owners.po ? { po: slot(owners.po) } : {}),
  };
}
