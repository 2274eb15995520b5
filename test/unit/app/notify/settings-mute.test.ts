// The viewer's mute switch (issue context, Alignment page, email link): per person per project, undone by
// unmuting, refused to someone who may not browse the project; the run reads it with one prefix query.
import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../../src/app/errors';
import { muteKey, mutedIn } from '../../../../src/app/notify/mute-store';
import { describeMute, setMute, type MutePorts } from '../../../../src/app/notify/mute-switch';
import type { JiraClient } from '../../../../src/jira/types';
import { TEST_NOW } from '../../../support/builders';
import { MemoryStore } from '../../../support/memory-store';

function portsFor(
  canBrowse: (projectId: string) => boolean,
  store = new MemoryStore(),
): MutePorts & { store: MemoryStore } {
  let now = TEST_NOW;
  const userJira = {
    hasPermission: (permission: string, context: { projectId?: string }) =>
      Promise.resolve(permission === 'BROWSE_PROJECTS' && canBrowse(context.projectId ?? '')),
  } as unknown as JiraClient;
  return {
    userJira,
    store,
    clock: {
      now: () => {
        const at = now;
        now = new Date(now.getTime() + 60_000);
        return at;
      },
    },
  };
}

const everywhere = () => true;

describe('the mute switch', () => {
  it('mutes one person in one project, keeps the first time, and unmutes (undo)', async () => {
    const ports = portsFor(everywhere);
    const ada = { project: { id: '100' }, viewer: 'ada' };
    expect(await describeMute(ports, ada)).toEqual({ muted: false, mutedAt: null });

    const muted = await setMute(ports, { ...ada, muted: true, via: 'page' });
    expect(muted).toEqual({ muted: true, mutedAt: TEST_NOW.toISOString() });
    // Muting again (from the email link) is not a new decision.
    expect(await setMute(ports, { ...ada, muted: true, via: 'email' })).toEqual(muted);

    // Others and other projects are untouched.
    expect(await describeMute(ports, { project: { id: '100' }, viewer: 'bob' })).toEqual({
      muted: false,
      mutedAt: null,
    });
    expect(await describeMute(ports, { project: { id: '1000' }, viewer: 'ada' })).toEqual({
      muted: false,
      mutedAt: null,
    });
    expect([...(await mutedIn(ports.store, '100'))]).toEqual(['ada']);
    expect([...(await mutedIn(ports.store, '1000'))]).toEqual([]);

    expect(await setMute(ports, { ...ada, muted: false, via: 'issue' })).toEqual({
      muted: false,
      mutedAt: null,
    });
    expect(ports.store.values.has(muteKey('100', 'ada'))).toBe(false);
    expect(await mutedIn(ports.store, '100')).toEqual(new Set());
  });

  it('refuses someone who may not browse the project, and stores nothing', async () => {
    const ports = portsFor((projectId) => projectId !== '200');
    const request = { project: { id: '200' }, viewer: 'vera', muted: true, via: 'issue' as const };
    const error = await setMute(ports, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FORBIDDEN');
    expect(ports.store.values.size).toBe(0);
    await expect(describeMute(ports, request)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reads a damaged value as not muted', async () => {
    const store = new MemoryStore();
    await store.set(muteKey('100', 'ada'), { mutedAt: 42 });
    const ports = portsFor(everywhere, store);
    expect(await describeMute(ports, { project: { id: '100' }, viewer: 'ada' })).toEqual({
      muted: false,
      mutedAt: null,
    });
    expect(await mutedIn(store, '100')).toEqual(new Set());
  });
});
