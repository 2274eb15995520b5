// The words the UI shows for each gap code and error code: complete, distinct, and saying what to do.
import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '../../../src/contract';
import { GAP_CODES } from '../../../src/domain/model';
import { describeError, extraDetail, isErrorCode } from '../../../static/src/errors';
import { GAP_TEXT } from '../../../static/src/gap-text';

describe('gap text', () => {
  it.each(GAP_CODES)('%s has a title, a check name and a one-line explanation', (code) => {
    const text = GAP_TEXT[code];
    expect(text.title.trim()).not.toBe('');
    expect(text.check.trim()).not.toBe('');
    expect(text.explanation.trim()).not.toBe('');
    expect(text.explanation).not.toContain('\n');
  });

  it('gives every code its own title and check name, so no two rows read the same', () => {
    expect(new Set(GAP_CODES.map((code) => GAP_TEXT[code].title)).size).toBe(GAP_CODES.length);
    expect(new Set(GAP_CODES.map((code) => GAP_TEXT[code].check)).size).toBe(GAP_CODES.length);
  });

  it('uses the product wording for a missing PM', () => {
    expect(GAP_TEXT.EPIC_WITHOUT_PM.title).toBe('No Product Manager');
    expect(GAP_TEXT.EPIC_WITHOUT_PM.explanation).toBe(
      'Every epic and initiative needs a PM who owns the what and the why.',
    );
  });
});

describe('error text', () => {
  it.each(ERROR_CODES)('%s maps to a title and a body', (code) => {
    const text = describeError({ code, message: 'detail from the backend' });
    expect(text.title.trim()).not.toBe('');
    expect(text.body.trim()).not.toBe('');
  });

  it('gives each code a different message', () => {
    const bodies = ERROR_CODES.map((code) => describeError({ code, message: '' }).body);
    expect(new Set(bodies).size).toBe(ERROR_CODES.length);
  });

  it('names the unreadable role source and tells who can fix it', () => {
    const text = describeError({
      code: 'ROSTER_UNAVAILABLE',
      message: 'project role "Product Owner" returned 403.',
    });
    expect(text.body).toContain('could not read who holds the PM and PO roles in this project');
    expect(text.body).toContain('(project role "Product Owner" returned 403)');
    expect(text.body).toContain("Ask a Jira admin to check the project's roles.");
    // Already part of the sentence, so it is not repeated as a detail line.
    expect(extraDetail({ code: 'ROSTER_UNAVAILABLE', message: 'x' })).toBeNull();
  });

  it('does not repeat the headline or the body as a detail line', () => {
    expect(extraDetail({ code: 'JIRA_UNAVAILABLE', message: 'Jira did not answer.' })).toBeNull();
    expect(extraDetail({ code: 'JIRA_UNAVAILABLE', message: 'JIRA did not answer' })).toBeNull();
    expect(extraDetail({ code: 'RATE_LIMITED', message: 'Wait a minute, then try again' })).toBeNull();
    expect(extraDetail({ code: 'JIRA_UNAVAILABLE', message: 'Jira answered 503.' })).toBe(
      'Jira answered 503',
    );
  });

  it('keeps a long backend message to one short line', () => {
    const detail = extraDetail({ code: 'INTERNAL', message: `${'word '.repeat(100)}\n\nend` });
    expect(detail).not.toBeNull();
    expect((detail ?? '').length).toBeLessThanOrEqual(160);
    expect(detail).not.toContain('\n');
  });

  it('recognises exactly the contract error codes', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
    expect(isErrorCode('TEAPOT')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
