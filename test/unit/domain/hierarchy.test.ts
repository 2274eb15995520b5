import { describe, expect, it } from '@jest/globals';
import {
  ancestorChain,
  findAncestor,
  indexByKey,
  issueKind,
  issuesWithExecutionBelow,
  lookUpEpic,
  nearestStrategyAncestor,
  slotRoleFor,
} from '../../../src/domain/hierarchy';
import { aPolicy, anIssue } from '../../support/builders';

const storyOnly = aPolicy();
const storiesAndBugs = aPolicy({ executionTypes: ['story', 'BUG'] });

describe('issueKind', () => {
  it.each([
    [2, 'Initiative', 'strategy'],
    [1, 'Epic', 'strategy'],
    [7, 'Theme', 'strategy'],
    [0, 'Story', 'execution'],
    [0, 'story', 'execution'],
    [0, 'STORY', 'execution'],
    [0, 'Task', 'out-of-scope'],
    [0, 'Bug', 'out-of-scope'],
    [-1, 'Sub-task', 'out-of-scope'],
    [-1, 'Story', 'out-of-scope'],
    [undefined, 'Story', 'out-of-scope'],
    [Number.NaN, 'Story', 'out-of-scope'],
    [0.5, 'Story', 'out-of-scope'],
  ] as const)('level %s, type %s with the default policy is %s', (level, name, kind) => {
    expect(issueKind(level, name, storyOnly)).toBe(kind);
  });

  it('takes execution types from the policy, case-insensitively', () => {
    expect(issueKind(0, 'Bug', storiesAndBugs)).toBe('execution');
    expect(issueKind(0, 'Story', storiesAndBugs)).toBe('execution');
    expect(issueKind(0, 'Task', storiesAndBugs)).toBe('out-of-scope');
  });

  it('never puts sub-tasks in scope, even when their type is named', () => {
    expect(issueKind(-1, 'Sub-task', aPolicy({ executionTypes: ['Sub-task'] }))).toBe('out-of-scope');
  });
});

describe('slotRoleFor', () => {
  it('gives a PM slot to strategy issues, a PO slot to execution issues, none otherwise', () => {
    expect(slotRoleFor('strategy')).toBe('pm');
    expect(slotRoleFor('execution')).toBe('po');
    expect(slotRoleFor('out-of-scope')).toBeNull();
  });
});

describe('walking parents', () => {
  const parents = (links: Record<string, string>) => (node: string) => links[node];

  it('finds the nearest matching ancestor, not the start itself', () => {
    const parentOf = parents({ a: 'b', b: 'c', c: 'd' });
    expect(findAncestor('a', parentOf, (n) => n === 'c' || n === 'd')).toBe('c');
    expect(findAncestor('a', parentOf, (n) => n === 'a')).toBeUndefined();
    expect(findAncestor('a', parentOf, () => false)).toBeUndefined();
  });

  it('ends on a cycle through the start', () => {
    const parentOf = parents({ a: 'b', b: 'c', c: 'a' });
    expect(findAncestor('a', parentOf, (n) => n === 'a')).toBeUndefined();
    expect(findAncestor('a', parentOf, (n) => n === 'c')).toBe('c');
    expect(ancestorChain('a', parentOf)).toEqual(['b', 'c']);
  });

  it('ends on a cycle above the start, however long the chain before it', () => {
    const links: Record<string, string> = {};
    for (let i = 0; i < 40; i++) links[`n${i}`] = `n${i + 1}`;
    links.n40 = 'n30';
    const parentOf = parents(links);
    expect(findAncestor('n0', parentOf, () => false)).toBeUndefined();
    expect(findAncestor('n0', parentOf, (n) => n === 'n35')).toBe('n35');
    expect(ancestorChain('n0', parentOf)).toHaveLength(40);
  });

  it('ends on a self-parent', () => {
    const parentOf = parents({ a: 'a' });
    expect(findAncestor('a', parentOf, () => true)).toBeUndefined();
    expect(ancestorChain('a', parentOf)).toEqual([]);
  });

  it('gives the nearest level >= 1 ancestor of an issue, across projects', () => {
    const initiative = anIssue({ key: 'BETA-1', type: 'Initiative' });
    const epic = anIssue({ key: 'BETA-2', type: 'Epic', parent: 'BETA-1' });
    const story = anIssue({ key: 'ALPHA-1', parent: 'BETA-2' });
    const subtask = anIssue({ key: 'ALPHA-2', type: 'Sub-task', parent: 'ALPHA-1' });
    const byKey = indexByKey([story, subtask], [epic, initiative]);
    expect(nearestStrategyAncestor(story, byKey)?.key).toBe('BETA-2');
    expect(nearestStrategyAncestor(subtask, byKey)?.key).toBe('BETA-2');
    expect(nearestStrategyAncestor(epic, byKey)?.key).toBe('BETA-1');
    expect(nearestStrategyAncestor(initiative, byKey)).toBeNull();
  });

  it('stops at a parent it does not know', () => {
    const story = anIssue({ key: 'ALPHA-1', parent: 'GONE-9' });
    expect(nearestStrategyAncestor(story, indexByKey([story]))).toBeNull();
  });

  it('indexes the first occurrence of a duplicated key', () => {
    const first = anIssue({ key: 'ALPHA-1', summary: 'first' });
    const second = anIssue({ key: 'ALPHA-1', summary: 'second' });
    expect(indexByKey([first], [second]).get('ALPHA-1')?.summary).toBe('first');
  });
});

describe('lookUpEpic', () => {
  it('tells a parent out of sight from no parent at all', () => {
    const orphan = anIssue({ key: 'ALPHA-1' });
    const underHidden = anIssue({ key: 'ALPHA-2', parent: 'GONE-9' });
    const task = anIssue({ key: 'ALPHA-3', type: 'Task', parent: 'GONE-8' });
    const underTask = anIssue({ key: 'ALPHA-4', parent: 'ALPHA-3' });
    const byKey = indexByKey([orphan, underHidden, task, underTask]);
    expect(lookUpEpic(orphan, byKey)).toEqual({ epic: null, parentNotVisible: false });
    expect(lookUpEpic(underHidden, byKey)).toEqual({ epic: null, parentNotVisible: true });
    // The walk goes through a level-0 parent and ends at that parent's missing parent.
    expect(lookUpEpic(underTask, byKey)).toEqual({ epic: null, parentNotVisible: true });
  });

  it('finds the epic and says nothing is out of sight', () => {
    const epic = anIssue({ key: 'ALPHA-1', type: 'Epic', parent: 'GONE-1' });
    const story = anIssue({ key: 'ALPHA-2', parent: 'ALPHA-1' });
    expect(lookUpEpic(story, indexByKey([story, epic]))).toEqual({ epic, parentNotVisible: false });
  });

  it('ends in a cycle without an epic, with every parent in sight', () => {
    const a = anIssue({ key: 'ALPHA-1', parent: 'ALPHA-2' });
    const b = anIssue({ key: 'ALPHA-2', type: 'Task', parent: 'ALPHA-1' });
    expect(lookUpEpic(a, indexByKey([a, b]))).toEqual({ epic: null, parentNotVisible: false });
  });
});

describe('issuesWithExecutionBelow', () => {
  it('marks every ancestor of an in-scope execution issue, at any depth and in any project', () => {
    const initiative = anIssue({ key: 'BETA-1', type: 'Initiative' });
    const epic = anIssue({ key: 'ALPHA-1', type: 'Epic', parent: 'BETA-1' });
    const story = anIssue({ key: 'GAMMA-1', parent: 'ALPHA-1', statusCategory: 'done' });
    const lonely = anIssue({ key: 'ALPHA-2', type: 'Epic' });
    const below = issuesWithExecutionBelow(indexByKey([initiative, epic, story, lonely]), storyOnly);
    expect([...below].sort()).toEqual(['ALPHA-1', 'BETA-1']);
  });

  it('does not count sub-tasks or execution types out of scope', () => {
    const epic = anIssue({ key: 'ALPHA-1', type: 'Epic' });
    const bug = anIssue({ key: 'ALPHA-2', type: 'Bug', parent: 'ALPHA-1' });
    const subtask = anIssue({ key: 'ALPHA-3', type: 'Sub-task', parent: 'ALPHA-1' });
    const byKey = indexByKey([epic, bug, subtask]);
    expect(issuesWithExecutionBelow(byKey, storyOnly).has('ALPHA-1')).toBe(false);
    expect(issuesWithExecutionBelow(byKey, storiesAndBugs).has('ALPHA-1')).toBe(true);
  });

  it('ends on parent cycles', () => {
    const a = anIssue({ key: 'ALPHA-1', type: 'Epic', parent: 'ALPHA-2' });
    const b = anIssue({ key: 'ALPHA-2', type: 'Epic', parent: 'ALPHA-1' });
    const story = anIssue({ key: 'ALPHA-3', parent: 'ALPHA-1' });
    const selfParent = anIssue({ key: 'ALPHA-4', parent: 'ALPHA-4' });
    const below = issuesWithExecutionBelow(indexByKey([a, b, story, selfParent]), storyOnly);
    expect([...below].sort()).toEqual(['ALPHA-1', 'ALPHA-2']);
  });
});
