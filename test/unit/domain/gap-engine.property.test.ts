// Properties the engine keeps over ANY input, including nonsense: it never throws, never reports the same
// code twice for one issue, always returns gaps in report order, and honours switches and waivers.
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { explainIn, ruleContext } from '../../../src/domain/explain';
import { evaluateGaps, type EngineInput } from '../../../src/domain/gap-engine';
import { compareGaps } from '../../../src/domain/gap-order';
import { GAP_CODES, type Account, type IssueFacts, type Waiver } from '../../../src/domain/model';
import { parsePolicy } from '../../../src/domain/policy';

const PROJECTS = ['ALPHA', 'BETA', 'GAMMA'];
const PEOPLE = ['ann', 'bob', 'cat', 'dan', 'ghost'];
const keyArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...PROJECTS), fc.integer({ min: 1, max: 12 }))
      .map(([p, n]) => `${p}-${n}`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const dateArb = fc.oneof(
  fc
    .date({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2026-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.string({ maxLength: 8 }),
);
const slotArb = fc.record({
  accountId: fc.constantFrom(...PEOPLE),
  setBy: fc.constantFrom(...PEOPLE),
  setAt: fc.constant('2025-01-02T09:00:00.000Z'),
});
const ownershipArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 4,
    arbitrary: fc.record({ schema: fc.constant(1), pm: slotArb, po: slotArb }, { requiredKeys: ['schema'] }),
  },
  { weight: 1, arbitrary: fc.anything() },
);
const issueArb: fc.Arbitrary<IssueFacts> = fc.record({
  id: fc.string({ maxLength: 4 }),
  key: keyArb,
  projectKey: fc.constantFrom(...PROJECTS, 'OTHER'),
  issueType: fc.record({
    id: fc.string({ maxLength: 3 }),
    name: fc.constantFrom('Story', 'story', 'Bug', 'Task', 'Epic', 'Initiative', 'Sub-task', ''),
    hierarchyLevel: fc.constantFrom(-1, 0, 0, 0, 1, 1, 2, 5, -4, Number.NaN, 0.5),
  }),
  summary: fc.string({ maxLength: 10 }),
  statusCategory: fc.constantFrom('new', 'indeterminate', 'done', 'weird'),
  created: dateArb,
  parentKey: fc.option(keyArb, { nil: null }),
  ownership: ownershipArb,
});
const accountArb: fc.Arbitrary<Account> = fc.record({
  accountId: fc.constantFrom(...PEOPLE.filter((p) => p !== 'ghost')),
  displayName: fc.string({ maxLength: 6 }),
  active: fc.boolean(),
  accountType: fc.constantFrom('atlassian', 'app', 'customer'),
});
const waiverArb: fc.Arbitrary<Waiver> = fc.record({
  issueKey: keyArb,
  code: fc.constantFrom(...GAP_CODES),
  reason: fc.string({ maxLength: 5 }),
  setBy: fc.constantFrom(...PEOPLE),
  expiresAt: dateArb,
});
const policyArb = fc
  .record({
    executionTypes: fc.array(fc.constantFrom('Story', 'BUG', 'task', 'Sub-task'), {
      minLength: 1,
      maxLength: 3,
    }),
    includeDone: fc.boolean(),
    graceDays: fc.integer({ min: 0, max: 30 }),
    rules: fc.dictionary(
      fc.constantFrom(...GAP_CODES),
      fc.record({ enabled: fc.boolean(), severity: fc.constantFrom('error', 'warning') }),
    ),
  })
  .map((raw) => parsePolicy(raw));

const inputArb: fc.Arbitrary<EngineInput> = fc.record({
  projectKeys: fc.subarray(PROJECTS, { minLength: 1 }),
  issues: fc.array(issueArb, { maxLength: 30 }),
  related: fc.array(issueArb, { maxLength: 10 }),
  policy: policyArb,
  roster: fc.record({
    ok: fc.constant(true as const),
    pm: fc.subarray(PEOPLE).map((s) => new Set(s)),
    po: fc.subarray(PEOPLE).map((s) => new Set(s)),
  }),
  accounts: fc.array(accountArb, { maxLength: 5 }).map((list) => new Map(list.map((a) => [a.accountId, a]))),
  waivers: fc.array(waiverArb, { maxLength: 8 }),
  now: fc.oneof(
    fc.date({ min: new Date('2024-06-01T00:00:00Z'), max: new Date('2026-01-01T00:00:00Z') }),
    fc.constant(new Date(Number.NaN)),
  ),
});

function reportOf(input: EngineInput) {
  const result = evaluateGaps(input);
  if (!result.ok) throw new Error('roster is ok in these properties');
  return result.report;
}

describe('gap engine properties', () => {
  it('never throws, and never reports the same code twice for one issue (gaps and waived together)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = reportOf(input);
        const seen = new Set<string>();
        for (const gap of [...report.gaps, ...report.waived]) {
          const id = `${gap.issueKey}\u0000${gap.code}`;
          expect(seen.has(id)).toBe(false);
          seen.add(id);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('returns gaps and waived gaps in report order', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = reportOf(input);
        for (const list of [report.gaps, report.waived]) {
          for (let i = 1; i < list.length; i++) {
            expect(compareGaps(list[i - 1]!, list[i]!)).toBeLessThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reports only scanned issues, with enabled rules at their effective severity, and waives only what a live waiver covers', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = reportOf(input);
        const scannedKeys = new Set(
          input.issues.filter((i) => input.projectKeys.includes(i.projectKey)).map((i) => i.key),
        );
        const nowMs = input.now.getTime();
        const live = (issueKey: string, code: string) =>
          input.waivers.some(
            (w) => w.issueKey === issueKey && w.code === code && Date.parse(w.expiresAt) > nowMs,
          );
        for (const gap of [...report.gaps, ...report.waived]) {
          expect(scannedKeys.has(gap.issueKey)).toBe(true);
          expect(input.policy.rules[gap.code]).toEqual({ enabled: true, severity: gap.severity });
        }
        for (const gap of report.gaps) expect(live(gap.issueKey, gap.code)).toBe(false);
        for (const gap of report.waived) expect(live(gap.issueKey, gap.code)).toBe(true);
        const { coverage } = report;
        expect(coverage.withPm).toBeLessThanOrEqual(coverage.strategyIssues);
        expect(coverage.withPo).toBeLessThanOrEqual(coverage.executionIssues);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the input when keys are unique', () => {
    fc.assert(
      fc.property(
        inputArb.filter(
          (input) =>
            new Set([...input.issues, ...input.related].map((i) => i.key)).size ===
            input.issues.length + input.related.length,
        ),
        fc.integer(),
        (input, seed) => {
          const shuffled = {
            ...input,
            issues: shuffle(input.issues, seed),
            related: shuffle(input.related, seed + 1),
          };
          expect(evaluateGaps(shuffled)).toEqual(evaluateGaps(input));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports exactly what explain says of each issue: its failures as gaps, its waived failures as waived', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const prepared = ruleContext(input);
        if (!prepared.ok) throw new Error('roster is ok in these properties');
        const outcomes = [...input.issues, ...input.related].flatMap(
          (issue) => explainIn(prepared.context, issue).outcomes,
        );
        const gaps = outcomes.flatMap((o) => (o.status === 'fail' ? [o.gap] : []));
        const waived = outcomes.flatMap((o) =>
          o.status === 'waived' ? [{ ...o.gap, waiver: o.waiver }] : [],
        );
        const report = reportOf(input);
        expect(gaps.sort(compareGaps)).toEqual(report.gaps);
        expect(waived.sort(compareGaps)).toEqual(report.waived);
      }),
      { numRuns: 300 },
    );
  });

  it('fails with ROSTER_UNAVAILABLE, whatever the issues, when the roster is unavailable', () => {
    fc.assert(
      fc.property(inputArb, fc.string(), (input, message) => {
        const result = evaluateGaps({ ...input, roster: { ok: false, source: 'role', message } });
        expect(result).toEqual({ ok: false, error: { code: 'ROSTER_UNAVAILABLE', source: 'role', message } });
      }),
      { numRuns: 50 },
    );
  });
});

/** A deterministic Fisher-Yates shuffle driven by a small linear congruential generator. */
function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
