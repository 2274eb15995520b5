// `--demo`: the embedded Jira site of the sandbox, started in this process (in memory, demo seed), signed in
// as the demo's admin so project roles are readable. Nothing to configure and nothing left behind.
import { DEMO, startSite } from '../sandbox/site';

export interface DemoSite {
  url: string;
  email: string;
  apiToken: string;
  /** The projects audited when --project is not given. */
  projectKeys: string[];
  /** Every project of the demo site, to name them when --project asks for another. */
  allProjectKeys: string[];
  close(): Promise<void>;
}

export async function openDemoSite(): Promise<DemoSite> {
  const site = await startSite({ dataDir: null, port: 0, seed: 'demo' });
  return {
    url: site.url,
    email: DEMO.adminUser.email,
    apiToken: DEMO.adminUser.apiToken,
    projectKeys: [DEMO.projectKey],
    allProjectKeys: [DEMO.projectKey, DEMO.otherProjectKey],
    close: () => site.close(),
  };
}
