import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseRosterFile, readRosterFile } from '../../../src/cli/roster-file';

describe('roster file', () => {
  it('reads account ids per role, de-duplicated', () => {
    expect(parseRosterFile('{"pm":["a","a","b"],"po":["c"],"note":"ignored"}', 'r.json')).toEqual({
      ok: true,
      roster: { pm: ['a', 'b'], po: ['c'] },
    });
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{"pm":["a"]}', /wrong shape at po/],
    ['{"pm":[1],"po":[]}', /wrong shape at pm\.0/],
    ['{"pm":[""],"po":[]}', /account id is empty/],
    ['[]', /wrong shape/],
  ])('refuses %j', (text, message) => {
    const result = parseRosterFile(text, 'r.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('reads a file, and says when it is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-'));
    const file = join(dir, 'roster.json');
    writeFileSync(file, JSON.stringify({ pm: ['x'], po: ['y'] }));
    expect(await readRosterFile(file)).toEqual({ ok: true, roster: { pm: ['x'], po: ['y'] } });
    const missing = await readRosterFile(join(dir, 'nope.json'));
    expect(!missing.ok && missing.message).toMatch(/no such file/);
  });
});
