import { describe, expect, it } from '@jest/globals';
import {
  ancestorChain,
  findAncestor,
  indexByKey,
  issueKind,
  issueKindClassifier,
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

  it('has a memoising classifier that agrees with issueKind', () => {
    const classify = issueKindClassifier(storiesAndBugs);
    for (const [level, name] of [
      [0, 'Bug'],
      [0, 'bug'],
      [0, 'Task'],
      [1, 'Epic'],
      [-1, 'Sub-task'],
      [undefined, 'Story'],
      [0, 'Bug'],
    ] as const) {
      expect(classify(level, name)).toBe(issueKind(level, name, storiesAndBugs));
    }
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
