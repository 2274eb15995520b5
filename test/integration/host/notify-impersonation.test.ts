// Offline user impersonation in the local Forge host: `asUser(accountId)` from an invocation with no user (the
// notification run's consumers) reaches Jira as that person only when a scope in manifest.yml allows
// impersonation and the site's admin granted it; otherwise the SDK raises NeedsAuthenticationError, as Forge's
// proxy answers. The invocation's own user keeps the per-user consent rule.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { asUser, route, NeedsAuthenticationError } from '@forge/api';
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

const MAP_SCOPES =
  'app: { id: x }\npermissions:\n  scopes:\n    read:jira-work:\n      allowImpersonation: true\n    storage:app: {}\n';
const LIST_SCOPES = 'app: { id: x }\npermissions:\n  scopes:\n    - read:jira-work\n';
const vera = DEMO.people.viewer.accountId;

function inConsumer<T>(manifestYaml: string, granted: boolean, fn: () => Promise<T>): Promise<T> {
  const manifest = parseManifest(manifestYaml);
  const backend = createBackend({
    manifest,
    kvs: new KvsStore(null),
    queue: new DeliveryQueue(null, () => Promise.resolve()),
    product: embeddedSiteGateway(site),
    hasConsent: () => false,
    impersonation: () => manifest.impersonationScopes.length > 0 && granted,
  });
  return runInvocation(
    {
      backend,
      app: SANDBOX_APP,
      invocationId: 'notify',
      functionKey: 'notify-recipient-consumer',
      moduleKey: 'role-split-notify-recipient-consumer',
      moduleType: 'consumer',
      deadline: Date.now() + 25_000,
    },
    fn,
  );
}

async function myselfAs(accountId: string): Promise<string> {
  const reply = await asUser(accountId).requestJira(route`/rest/api/3/myself`, {
    headers: { Accept: 'application/json' },
  });
  return ((await reply.json()) as { accountId: string }).accountId;
}

describe('offline impersonation', () => {
  it('reads the manifest: only scopes in map form with allowImpersonation: true count', () => {
    expect(parseManifest(MAP_SCOPES).impersonationScopes).toEqual(['read:jira-work']);
    expect(parseManifest(LIST_SCOPES).impersonationScopes).toEqual([]);
  });

  it('acts as the person when the manifest allows it and the site granted it', async () => {
    expect(await inConsumer(MAP_SCOPES, true, () => myselfAs(vera))).toBe(vera);
  });

  it('is refused when the site refused it, or when no scope allows it', async () => {
    await expect(inConsumer(MAP_SCOPES, false, () => myselfAs(vera))).rejects.toBeInstanceOf(
      NeedsAuthenticationError,
    );
    await expect(inConsumer(LIST_SCOPES, true, () => myselfAs(vera))).rejects.toBeInstanceOf(
      NeedsAuthenticationError,
    );
  });

  it('leaves asUser() with no account id as it was: no user in a consumer, so no access', async () => {
    const noUser = inConsumer(MAP_SCOPES, true, async () => {
      const reply = await asUser().requestJira(route`/rest/api/3/myself`);
      return reply.status;
    });
    await expect(noUser).rejects.toBeInstanceOf(NeedsAuthenticationError);
  });
});
