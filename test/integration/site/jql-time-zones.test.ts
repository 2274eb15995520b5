// JQL dates are read in the searcher's time zone, as in Jira ("search results will be relative to your
// configured time zone"): the same "2026/11/30 10:15" is a different instant for a user in Berlin, one in New
// York and the app's account (UTC), and so is startOfDay(). Periods (-5m) are durations and mean the same to all.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO, type DemoUser, type RunningSite, type SiteIssue } from '../../../sandbox/site';
import { client, searchKeys, startTestSite } from './helpers';

const clock = { ms: Date.parse('2026-11-29T14:00:00Z') };
let site: RunningSite;
let earlier: SiteIssue;
let later: SiteIssue;

function personIn(timeZone: string): DemoUser {
  const person = DEMO.users.find((u) => u.active && site.state.getUser(u.accountId)?.timeZone === timeZone);
  if (!person) throw new Error(`no demo user in ${timeZone}`);
  return person;
}

beforeAll(async () => {
  site = await startTestSite({ clock: () => clock.ms });
  const [a, b] = [DEMO.issues.coveredStory, DEMO.issues.coveredEpic].map((k) => site.state.getIssue(k));
  if (!a || !b) throw new Error('missing demo issues');
  // Changed at 14:00 UTC on the 29th, then at 09:20 UTC on the 30th (10:20 in Berlin, 04:20 in New York).
  site.state.updateIssue(a, { summary: `${a.summary} (edited)` }, DEMO.adminUser.accountId);
  clock.ms = Date.parse('2026-11-30T09:20:00Z');
  site.state.updateIssue(b, { summary: `${b.summary} (edited)` }, DEMO.adminUser.accountId);
  [earlier, later] = [a, b];
});
afterAll(() => site.close());

const search = (who: DemoUser | 'app', jql: string) =>
  searchKeys(client(site, who), `project = SHOP AND ${jql}`);

describe('JQL dates in the searcher’s time zone', () => {
  it('reads an absolute date and time as the searcher’s wall clock', async () => {
    const berlin = personIn('Europe/Berlin');
    const newYork = personIn('America/New_York');
    expect(await search(berlin, 'updated >= "2026/11/30 10:15"')).toEqual([later.key]);
    expect(await search(berlin, 'updated >= "2026/11/30 10:25"')).toEqual([]);
    expect(await search(newYork, 'updated >= "2026-11-30 04:15"')).toEqual([later.key]);
    // The app's account is in UTC: 10:15 there is after the change at 09:20 UTC.
    expect(await search('app', 'updated >= "2026/11/30 10:15"')).toEqual([]);
    expect(await search('app', 'updated >= "2026/11/30 09:15"')).toEqual([later.key]);
  });

  it('starts the day at the searcher’s midnight', async () => {
    const sydney = personIn('Australia/Sydney');
    // 09:20 UTC on the 30th is 20:20 in Sydney (UTC+11): its day began at 13:00 UTC on the 29th.
    expect((await search(sydney, 'updated >= startOfDay()')).sort()).toEqual([earlier.key, later.key].sort());
    expect(await search('app', 'updated >= startOfDay()')).toEqual([later.key]);
  });

  it('treats periods as durations from now, the same for everyone', async () => {
    for (const who of [personIn('Australia/Sydney'), personIn('America/New_York'), 'app'] as const) {
      expect(await search(who, 'updated >= -1h')).toEqual([later.key]);
    }
  });
});
