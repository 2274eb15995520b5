// `--roster FILE`: the eligible people of each role, for tokens that cannot read project role members (that
// needs Administer Projects). The file replaces every role source for every audited project, so the report
// says so in its policy. Parsed with zod: a typo must fail loudly, not silently make everyone ineligible.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const accountIds = z.array(z.string().trim().min(1, 'an account id is empty')).max(100_000);

export const rosterFileSchema = z.object({ pm: accountIds, po: accountIds });
export type RosterFile = z.infer<typeof rosterFileSchema>;

export type RosterFileResult = { ok: true; roster: RosterFile } | { ok: false; message: string };

export function parseRosterFile(text: string, fileName: string): RosterFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: `--roster ${fileName} is not valid JSON. Expected { "pm": [accountId...], "po": [accountId...] }.`,
    };
  }
  const parsed = rosterFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return {
      ok: false,
      message: `--roster ${fileName} has the wrong shape${where}: ${issue?.message ?? 'invalid'}. Expected { "pm": [accountId...], "po": [accountId...] }.`,
    };
  }
  return { ok: true, roster: { pm: [...new Set(parsed.data.pm)], po: [...new Set(parsed.data.po)] } };
}

export async function readRosterFile(fileName: string): Promise<RosterFileResult> {
  let text: string;
  try {
    text = await readFile(fileName, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : typeof code === 'string' ? code : 'unreadable';
    return { ok: false, message: `Could not read --roster ${fileName} (${why}).` };
  }
  return parseRosterFile(text, fileName);
}
