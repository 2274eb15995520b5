// The generated projects behind scale tests and `npm run bench` (`startSite({ seed: { issues: N } })`): realistic
// for a project scan, so the scan's shortcuts and its request budget meet what a real project holds. The counts
// come from describeGeneratedProject, which reads the snapshot as data (statuses, types, parents, properties).
import { describe, expect, it } from '@jest/globals';
import { DEMO, describeGeneratedProject, generateLargeProject } from '../../../sandbox/site';

describe('a generated project', () => {
  const N = 10_000;
  const snapshot = generateLargeProject(N);
  const facts = describeGeneratedProject(snapshot);

  it('holds done issues, sub-tasks and a few secured issues the app can still read', () => {
    console.info(`generated ${N}: ${JSON.stringify(facts)}`);
    expect(facts.issues).toBe(N);
    expect(facts.done / N).toBeGreaterThan(0.25);
    expect(facts.done / N).toBeLessThan(0.45);
    expect(facts.subtasks / N).toBeGreaterThan(0.05);
    expect(facts.secured).toBeGreaterThanOrEqual(10);
    expect(facts.secured / N).toBeLessThan(0.01);
    const levels = new Set(snapshot.issues.flatMap((i) => (i.securityLevelId ? [i.securityLevelId] : [])));
    // Only the level the app is in: a scan as the app still reads all N issues.
    expect([...levels]).toEqual([DEMO.security.levels.leadership]);
  });

  it('has strategy issues with and without children', () => {
    expect(facts.openStrategy).toBeGreaterThan(100);
    expect(facts.openStrategyWithoutChildren).toBeGreaterThan(5);
    expect(facts.openStrategyWithoutChildren).toBeLessThan(facts.openStrategy / 4);
    expect(facts.openStrategyWithoutOpenStoryInProject).toBeGreaterThanOrEqual(
      facts.openStrategyWithoutChildren,
    );
  });

  it('has dozens of distinct owners, a few holding their role only through a group', () => {
    expect(facts.distinctOwners).toBeGreaterThanOrEqual(36);
    expect(facts.groupOnlyOwners).toBeGreaterThanOrEqual(4);
    expect(facts.groupOnlyOwners).toBeLessThan(facts.distinctOwners / 3);
  });

  it('is the same for the same size, and keeps the demo projects enabled (the team-managed one stays off)', () => {
    expect(describeGeneratedProject(generateLargeProject(1000))).toEqual(
      describeGeneratedProject(generateLargeProject(1000)),
    );
    for (const project of snapshot.projects) {
      expect(project.properties[DEMO.policyPropertyKey]).toEqual(
        project.key === DEMO.teamProject.key ? undefined : { schema: 1, enabled: true },
      );
    }
  });
});
