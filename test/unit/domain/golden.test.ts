// Runs every golden fixture through the engine. The fixtures' expectations were written from the product's
// "The gap rules, precisely", not from engine output; a failure here means the engine and the spec disagree.
import { describe, expect, it } from '@jest/globals';
import { GAP_CODES } from '../../../src/domain/model';
import { evaluateGaps } from '../../../src/domain/gap-engine';
import { loadGoldenFixtures } from '../../fixtures/golden/load';

const fixtures = loadGoldenFixtures();

describe('golden fixtures', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    expect(evaluateGaps(fixture.input)).toEqual(fixture.expected);
  });

  it('exercise every gap code, both in reports and in a waiver', () => {
    const reported = new Set(
      fixtures.flatMap((f) => (f.expected.ok ? f.expected.report.gaps.map((g) => g.code) : [])),
    );
    expect([...GAP_CODES].filter((code) => !reported.has(code))).toEqual([]);
    expect(fixtures.some((f) => f.expected.ok && f.expected.report.waived.length > 0)).toBe(true);
    expect(fixtures.some((f) => !f.expected.ok)).toBe(true);
  });
});
