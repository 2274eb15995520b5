// `--demo`: the embedded Jira site of the sandbox, started in this process (in memory, demo seed), signed in
// as the demo's admin so project roles are readable. Nothing to configure and nothing left behind.
// The sandbox is loaded only here, only under --demo, with a dynamic import: it never ships in the Forge bundle
// (eslint refuses a static import of sandbox/ from src/, and test/unit/bundle.test.ts checks the bundle).

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
  const { DEMO, startSite } = await import('../../sandbox/site');
  const site = await startSite({ dataDir: null, port: 0, seed: 'demo' });
  return {
    url: site.url,
    email: DEMO.adminUser.email,
    apiToken: DEMO.adminUser.apiToken,
    projectKeys: [DEMO.projectKey],
    // From the site itself, so a project the demo gains (TEAM, team-managed) is named without a second list.
    allProjectKeys: [...site.state.projects.values()].map((project) => project.key),
    close: () => site.close(),
  };
}
