// The hour and weekdays in the project's time zone, the settings read from the property, the digest's bodies,
// and the site's daily cap slots.
import { describe, expect, it } from '@jest/globals';
import { defaultNotificationSettings } from '../../../../src/contract/notifications';
import { isDueAt, parseNotificationSettings } from '../../../../src/app/notify/settings';
import { composeDigest } from '../../../../src/app/notify/digest';
import { takeDaySlot } from '../../../../src/app/notify/claims';
import { runIdAt } from '../../../../src/app/notify/keys';
import { MemoryStore } from '../../../support/memory-store';

describe('isDueAt', () => {
  const settings = { ...defaultNotificationSettings(), enabled: true, timeZone: 'Europe/Berlin', hour: 9 };

  it('is the hour on the weekdays in the project time zone', () => {
    // 08:10 UTC on Monday 2 March 2026 is 09:10 in Berlin (CET, UTC+1).
    expect(isDueAt(settings, new Date('2026-03-02T08:10:00Z'))).toBe(true);
    expect(isDueAt(settings, new Date('2026-03-02T09:10:00Z'))).toBe(false);
    // Saturday is not a default weekday.
    expect(isDueAt(settings, new Date('2026-03-07T08:10:00Z'))).toBe(false);
    // Summer time: 07:30 UTC is 09:30 in Berlin (CEST).
    expect(isDueAt(settings, new Date('2026-07-06T07:30:00Z'))).toBe(true);
    expect(isDueAt({ ...settings, enabled: false }, new Date('2026-03-02T08:10:00Z'))).toBe(false);
  });

  it('reads damaged or unknown settings as off, saying why', () => {
    expect(parseNotificationSettings(undefined)).toEqual({
      settings: defaultNotificationSettings(),
      problem: null,
    });
    const bad = parseNotificationSettings({ ...settings, hour: 25 });
    expect(bad.settings.enabled).toBe(false);
    expect(bad.problem).toContain('hour');
    const zone = parseNotificationSettings({ ...settings, timeZone: 'Mars/Olympus' });
    expect(zone.settings.enabled).toBe(false);
    expect(zone.problem).toContain('Mars/Olympus');
  });

  it('makes one run id per UTC hour', () => {
    expect(runIdAt(new Date('2026-03-02T08:10:00Z'))).toBe(runIdAt(new Date('2026-03-02T08:59:59Z')));
    expect(runIdAt(new Date('2026-03-02T08:10:00Z'))).not.toBe(runIdAt(new Date('2026-03-02T09:00:00Z')));
  });
});

describe('composeDigest', () => {
  const item = {
    gapKey: '1:EPIC_WITHOUT_PM',
    issueId: '1',
    issueKey: 'SHOP-1',
    summary: '<script>alert(1)</script> & co',
    issueType: 'Epic',
    code: 'EPIC_WITHOUT_PM' as const,
    severity: 'error' as const,
    reminder: false,
  };
  const project = {
    projectKey: 'SHOP',
    projectName: 'Storefront',
    siteUrl: 'https://x.example',
    pageUrl: 'https://x.example/page',
    items: [item],
  };

  it('links each issue and the page, escaping summaries in HTML', () => {
    const digest = composeDigest([project], true);
    expect(digest.subject).toBe('Role Split digest: 1 gap to fix in SHOP');
    expect(digest.textBody).toContain('https://x.example/browse/SHOP-1');
    expect(digest.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(digest.htmlBody).not.toContain('<script>');
    expect(digest.htmlBody).toContain('href="https://x.example/page"');
    expect(digest.textBody).toContain('https://x.example/page/mute');
  });

  it('counts what a long digest does not list', () => {
    const digest = composeDigest([{ ...project, more: 5 }], true);
    expect(digest.subject).toBe('Role Split digest: 6 gaps to fix in SHOP');
    expect(digest.textBody).toContain('6 gaps (1 new, 5 more)');
    expect(digest.textBody).toContain('…and 5 more on the Alignment page.');
  });

  it('names no issue without impersonation', () => {
    const digest = composeDigest([project], false);
    expect(digest.textBody).not.toContain('SHOP-1');
    expect(digest.htmlBody).not.toContain('SHOP-1');
    expect(digest.textBody).toContain('1 gap (1 new)');
  });
});

describe('takeDaySlot', () => {
  it('hands out each slot once, even to racing senders, and none past the cap', async () => {
    const store = new MemoryStore();
    const slots = await Promise.all(
      Array.from({ length: 5 }, (_, i) => takeDaySlot(store, '2026-03-02', 3, `s${i}`)),
    );
    const taken = slots.filter((s): s is number => s !== null).sort();
    expect(taken).toEqual([1, 2, 3]);
    expect(await takeDaySlot(store, '2026-03-03', 3, 'next day')).toBe(1);
  });
});
