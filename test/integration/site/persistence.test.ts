// State survives a restart from the same folder (written atomically), reset goes back to the seed and persists
// that too, and a damaged data file is reported rather than silently replaced.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { DEMO, startSite } from '../../../sandbox/site';
import { client, read, tempDir } from './helpers';

const created = z.object({ id: z.string(), key: z.string() });
const story = DEMO.issues.coveredStory;
const propertyPath = `/rest/api/3/issue/${story}/properties/sandbox.persisted`;

describe('persistence', () => {
  it('keeps writes across a restart from the same data folder', async () => {
    const dataDir = join(tempDir(), 'site');
    const first = await startSite({ dataDir, port: 0 });
    const api = client(first);
    expect((await api.put(propertyPath, { kept: true })).status).toBe(201);
    const newIssue = read(
      created,
      await api.post('/rest/api/3/issue', {
        fields: {
          project: { key: 'SHOP' },
          issuetype: { name: 'Story' },
          summary: 'Survives a restart',
          parent: { key: DEMO.issues.coveredEpic },
        },
      }),
    );
    await api.post(`/rest/api/3/issue/${story}/transitions`, { transition: { id: '31' } });
    first.state.setUserActive(DEMO.people.pmDeactivated.accountId, true);
    await first.close();
    expect(readdirSync(dataDir)).toEqual(['site.json']);

    const second = await startSite({ dataDir, port: 0 });
    try {
      const again = client(second);
      expect((await again.get(propertyPath)).body).toEqual({
        key: 'sandbox.persisted',
        value: { kept: true },
      });
      const issue = read(
        z.object({
          key: z.string(),
          fields: z.object({ summary: z.string(), parent: z.object({ key: z.string() }) }),
        }),
        await again.get(`/rest/api/3/issue/${newIssue.key}`),
      );
      expect(issue).toMatchObject({
        key: newIssue.key,
        fields: { summary: 'Survives a restart', parent: { key: DEMO.issues.coveredEpic } },
      });
      expect(second.state.status(second.state.getIssue(story)?.statusId ?? '').name).toBe('Done');
      expect(second.state.getUser(DEMO.people.pmDeactivated.accountId)?.active).toBe(true);
      // Numbers are not reused: the next issue gets the next key.
      const next = read(
        created,
        await again.post('/rest/api/3/issue', {
          fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Next' },
        }),
      );
      expect(Number(next.key.split('-')[1])).toBe(Number(newIssue.key.split('-')[1]) + 1);
    } finally {
      await second.close();
    }
  });

  it('reset returns to the seed data and persists it', async () => {
    const dataDir = join(tempDir(), 'site');
    const first = await startSite({ dataDir, port: 0 });
    await client(first).put(propertyPath, { kept: true });
    const outboxBefore = first.state.outbox.length;
    await client(first, 'app').post(`/rest/api/3/issue/${story}/notify`, {
      subject: 's',
      textBody: 't',
      to: { users: [{ accountId: DEMO.people.poDirect.accountId }] },
    });
    expect(first.state.outbox.length).toBe(outboxBefore + 1);

    const reply = await fetch(`${first.url}/_sandbox/reset`, {
      method: 'POST',
      headers: { 'X-Sandbox-Secret': first.secret },
    });
    expect(reply.status).toBe(204);
    expect((await client(first).get(propertyPath)).status).toBe(404);
    expect(first.state.outbox).toEqual([]);
    await first.close();

    const second = await startSite({ dataDir, port: 0 });
    try {
      expect(second.state.getIssue(story)?.properties.has('sandbox.persisted')).toBe(false);
      expect(second.state.issues.size).toBeGreaterThan(100);
    } finally {
      await second.close();
    }
  });

  it('starts from the seed in an empty folder and writes it there', async () => {
    const dataDir = join(tempDir(), 'fresh');
    const site = await startSite({ dataDir, port: 0, seed: { issues: 300 } });
    try {
      expect(existsSync(join(dataDir, 'site.json'))).toBe(true);
      expect([...site.state.issues.values()].filter((i) => i.projectId === DEMO.projectId)).toHaveLength(300);
    } finally {
      await site.close();
    }
  });

  it('refuses a damaged data file with a clear message', async () => {
    const dataDir = join(tempDir(), 'broken');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'site.json'), '{"format":"role-split-sandbox-site"');
    await expect(startSite({ dataDir, port: 0 })).rejects.toThrow(/not valid JSON.*Delete it/);
    writeFileSync(
      join(dataDir, 'site.json'),
      JSON.stringify({ format: 'role-split-sandbox-site', version: 1 }),
    );
    await expect(startSite({ dataDir, port: 0 })).rejects.toThrow(/expected shape/);
  });

  it('keeps nothing on disk with dataDir null', async () => {
    const site = await startSite({ dataDir: null, port: 0 });
    await client(site).put(propertyPath, { kept: true });
    await site.close();
    const again = await startSite({ dataDir: null, port: 0 });
    expect(again.state.getIssue(story)?.properties.has('sandbox.persisted')).toBe(false);
    await again.close();
  });
});
