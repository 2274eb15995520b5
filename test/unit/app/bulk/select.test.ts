// The bulk selections' JQL (searched as the user) and what each job kind asks of the plan.
import { describe, expect, it } from '@jest/globals';
import { requestFor, selectionJql } from '../../../../src/app/bulk/select';
import { aPolicy, aSlot, anEpic, aStory } from '../../../support/builders';

describe('selectionJql', () => {
  const policy = aPolicy({ executionTypes: ['Story', 'Task'] });

  it('picks issues by id within the project', () => {
    expect(selectionJql('10000', policy, { kind: 'issues', issueIds: ['1', '22'] })).toBe(
      'project = 10000 AND id in (1, 22) ORDER BY id ASC',
    );
  });

  it('picks the open in-scope stories beneath an epic whose PO slot is empty', () => {
    expect(selectionJql('10000', policy, { kind: 'epic-stories-without-po', epicId: '77' })).toBe(
      'parent = 77 AND project = 10000 AND issuetype in ("Story", "Task") AND statusCategory != Done AND productOwner IS EMPTY ORDER BY id ASC',
    );
  });

  it('picks every slot a person holds through the entity-property aliases, open ones unless done is asked for', () => {
    const open = selectionJql('10000', policy, { kind: 'replace', from: '712020:abc', includeDone: false });
    expect(open).toBe(
      'project = 10000 AND (productManager = "712020:abc" OR productOwner = "712020:abc") AND statusCategory != Done ORDER BY id ASC',
    );
    const all = selectionJql('10000', policy, { kind: 'replace', from: '712020:abc', includeDone: true });
    expect(all).not.toContain('statusCategory');
  });
});

describe('requestFor', () => {
  it('an assignment asks for the person; epic stories fill empty slots only', () => {
    expect(requestFor({ kind: 'assign' }, 'amy', null)).toEqual({ to: 'amy' });
    expect(requestFor({ kind: 'assign', fillOnly: true }, 'amy', null)).toEqual({
      to: 'amy',
      fillOnly: true,
    });
  });

  it('a replacement names the slot the person holds and expects them in it', () => {
    const job = { kind: 'replace' as const, from: 'sam' };
    expect(requestFor(job, 'amy', aStory('A-1', { po: 'sam' }))).toEqual({
      to: 'amy',
      expectedFrom: 'sam',
      role: 'po',
    });
    // A PO recorded on an epic: the plan refuses WRONG_ROLE_FOR_LEVEL instead of touching the epic's PM.
    expect(requestFor(job, 'amy', anEpic('A-2', { po: 'sam' }))).toEqual({
      to: 'amy',
      expectedFrom: 'sam',
      role: 'po',
    });
    // No longer held (or held in both slots): the level decides, and the expectation guards the write.
    expect(requestFor(job, 'amy', aStory('A-3', { ownership: { schema: 1, po: aSlot('zed') } }))).toEqual({
      to: 'amy',
      expectedFrom: 'sam',
    });
  });
});
