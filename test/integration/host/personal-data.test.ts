// Forge's personal data reporting API (`privacy.reportPersonalData`, POST /app/report-accounts) through the real
// @forge/api against the host: accounts the Jira site does not know come back closed, known ones (deactivated
// included: Jira deactivates, Atlassian closes) are not named, and nothing changed is a 204 the SDK reads as [].
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { privacy } from '@forge/api';
import { createBackend } from '../../../sandbox/host/backend';
import { DeliveryQueue } from '../../../sandbox/host/delivery-queue';
import { KvsStore } from '../../../sandbox/host/kvs-store';
import { parseManifest } from '../../../sandbox/host/manifest';
import { embeddedSiteGateway } from '../../../sandbox/host/product';
import { SANDBOX_APP, runInvocation } from '../../../sandbox/host/runtime';
import { DEMO, startSite, type RunningSite } from '../../../sandbox/site';

let site: RunningSite;
beforeAll(async () => {
  site = await startSite({ dataDir: null, port: 0 });
});
afterAll(() => site.close());

function asTheApp<T>(fn: () => Promise<T>): Promise<T> {
  const backend = createBackend({
    manifest: parseManifest('app: { id: x }\n'),
    kvs: new KvsStore(null),
    queue: new DeliveryQueue(null, () => Promise.resolve()),
    product: embeddedSiteGateway(site),
  });
  return runInvocation(
    {
      backend,
      app: SANDBOX_APP,
      invocationId: 'personal-data',
      functionKey: 'weekly',
      moduleKey: 'personal-data-report',
      moduleType: 'scheduledTrigger',
      deadline: Date.now() + 25_000,
    },
    fn,
  );
}

const updatedAt = '2026-11-01T00:00:00.000Z';

describe('personal data reporting in the sandbox', () => {
  it('names the accounts the site does not know as closed, and only those', async () => {
    const gone = '557058:00000000-0000-0000-0000-00000000dead';
    const answer = await asTheApp(() =>
      privacy.reportPersonalData([
        { accountId: DEMO.adminUser.accountId, updatedAt },
        { accountId: DEMO.people.pmDeactivated.accountId, updatedAt },
        { accountId: gone, updatedAt },
      ]),
    );
    expect(answer).toEqual([{ accountId: gone, status: 'closed' }]);
  });

  it('answers nothing to report when every account is known', async () => {
    const answer = await asTheApp(() =>
      privacy.reportPersonalData([{ accountId: DEMO.adminUser.accountId, updatedAt }]),
    );
    expect(answer).toEqual([]);
  });
});
