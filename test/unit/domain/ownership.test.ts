import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import type { Ownership } from '../../../src/domain/model';
import {
  isOwnershipSchema1,
  OWNERSHIP_PROPERTY_KEY,
  ownershipSchema,
  readOwnership,
  slotOf,
  withoutSlot,
  withSlot,
} from '../../../src/domain/ownership';
import { aSlot } from '../../support/builders';

describe('readOwnership', () => {
  it('uses the public property key', () => {
    expect(OWNERSHIP_PROPERTY_KEY).toBe('role-split-ownership');
  });

  it('reads a missing property as absent', () => {
    expect(readOwnership(undefined)).toEqual({ kind: 'absent' });
  });

  it('reads schema 1 with either, both or no slots', () => {
    expect(readOwnership({ schema: 1 })).toEqual({ kind: 'valid', ownership: { schema: 1 } });
    const both = { schema: 1, pm: aSlot('ann'), po: aSlot('bob') };
    expect(readOwnership(both)).toEqual({ kind: 'valid', ownership: both });
    expect(slotOf(readOwnership(both), 'pm')?.accountId).toBe('ann');
    expect(slotOf(readOwnership({ schema: 1, po: aSlot('bob') }), 'pm')).toBeUndefined();
  });

  it('accepts setAt with Z or an offset, with or without fractions', () => {
    for (const setAt of ['2025-01-02T09:00:00Z', '2025-01-02T09:00:00.123Z', '2025-01-02T09:00:00+02:00']) {
      expect(readOwnership({ schema: 1, pm: aSlot('ann', { setAt }) }).kind).toBe('valid');
    }
  });

  it('ignores fields it does not know, at the top and inside slots', () => {
    const raw = { schema: 1, hasPm: 1, other: { deep: true }, pm: { ...aSlot('ann'), note: 'x' } };
    const reading = readOwnership(raw);
    expect(reading.kind).toBe('valid');
    expect(slotOf(reading, 'pm')).toMatchObject(aSlot('ann'));
  });

  it.each([
    ['null', null],
    ['a string', 'ann'],
    ['a number', 1],
    ['an array', [{ schema: 1 }]],
    ['an empty object', {}],
    ['schema 2', { schema: 2, pm: aSlot('ann') }],
    ['schema as a string', { schema: '1' }],
    ['a null slot', { schema: 1, pm: null }],
    ['a slot that is a bare account id', { schema: 1, po: 'bob' }],
    ['an empty accountId', { schema: 1, pm: aSlot('') }],
    ['a missing setBy', { schema: 1, pm: { accountId: 'ann', setAt: '2025-01-02T09:00:00Z' } }],
    ['an empty setBy', { schema: 1, pm: aSlot('ann', { setBy: '' }) }],
    ['a setAt that is not ISO-8601', { schema: 1, pm: aSlot('ann', { setAt: 'yesterday' }) }],
    ['a setAt without a zone', { schema: 1, pm: aSlot('ann', { setAt: '2025-01-02T09:00:00' }) }],
    ['a date-only setAt', { schema: 1, pm: aSlot('ann', { setAt: '2025-01-02' }) }],
    ['a numeric accountId', { schema: 1, po: { accountId: 42, setBy: 'x', setAt: '2025-01-02T09:00:00Z' } }],
  ])('reads %s as invalid, with a reason', (_label, raw) => {
    const reading = readOwnership(raw);
    expect(reading.kind).toBe('invalid');
    if (reading.kind === 'invalid') expect(reading.reason.length).toBeGreaterThan(0);
    expect(slotOf(reading, 'pm')).toBeUndefined();
    expect(slotOf(reading, 'po')).toBeUndefined();
  });

  it('names the field at fault', () => {
    const reading = readOwnership({ schema: 1, po: aSlot('bob', { setAt: 'soon' }) });
    expect(reading.kind === 'invalid' && reading.reason).toMatch(/^po\.setAt: /);
  });
});

describe('withSlot / withoutSlot', () => {
  const now = new Date('2025-06-01T12:00:00.000Z');

  it('builds a fresh schema-1 value when there is no property', () => {
    expect(withSlot(undefined, 'pm', 'ann', 'lead', now)).toEqual({
      schema: 1,
      pm: { accountId: 'ann', setBy: 'lead', setAt: '2025-06-01T12:00:00.000Z' },
    });
  });

  it('keeps the other slot and unknown top-level fields, and rebuilds the replaced slot', () => {
    const read = readOwnership({
      schema: 1,
      hasPo: 1,
      po: { ...aSlot('bob'), note: 'keep me' },
      pm: { ...aSlot('old'), note: 'about the old PM' },
    });
    if (read.kind !== 'valid') throw new Error('fixture should be valid');
    const next = withSlot(read.ownership, 'pm', 'ann', 'lead', now);
    expect(next).toEqual({
      schema: 1,
      hasPo: 1,
      po: { ...aSlot('bob'), note: 'keep me' },
      pm: { accountId: 'ann', setBy: 'lead', setAt: '2025-06-01T12:00:00.000Z' },
    });
    expect(readOwnership(next).kind).toBe('valid');
  });

  it('clears one slot and keeps the rest', () => {
    const existing: Ownership = { schema: 1, pm: aSlot('ann'), po: aSlot('bob') };
    expect(withoutSlot(existing, 'po')).toEqual({ schema: 1, pm: aSlot('ann') });
    expect(withoutSlot(undefined, 'pm')).toEqual({ schema: 1 });
    expect(existing.po).toBeDefined();
  });

  it('does not mutate the existing value', () => {
    const existing: Ownership = { schema: 1, pm: aSlot('ann') };
    withSlot(existing, 'pm', 'zed', 'lead', now);
    withoutSlot(existing, 'pm');
    expect(existing).toEqual({ schema: 1, pm: aSlot('ann') });
  });
});

describe('isOwnershipSchema1 (the engine fast path)', () => {
  // Mostly valid values with, now and then, one field wrong the way a careless writer might get it wrong.
  const sometimes = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
    fc.oneof({ weight: 8, arbitrary: usual }, { weight: 1, arbitrary: odd });
  const setAtArb = sometimes(
    fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
    fc.oneof(
      fc.constantFrom(
        '2025-01-02T09:00:00+02:00',
        '2025-01-02T09:00:00',
        '2025-02-30T09:00:00Z',
        '2025-01-02',
        '+275760-09-13T00:00:00.000Z',
      ),
      fc.string({ maxLength: 30 }),
    ),
  );
  const idArb = sometimes(
    fc.string({ minLength: 1, maxLength: 4 }),
    fc.constantFrom<unknown>('', 42, null, undefined),
  );
  const slotArb = sometimes(
    fc.record(
      { accountId: idArb, setBy: idArb, setAt: setAtArb, extra: fc.anything() },
      { requiredKeys: ['accountId', 'setBy', 'setAt'] },
    ),
    fc.anything(),
  );
  const ownershipArb = sometimes(
    fc.record(
      {
        schema: sometimes(fc.constant(1), fc.constantFrom<unknown>(2, '1', 1.5, null)),
        pm: slotArb,
        po: slotArb,
        other: fc.anything(),
      },
      { requiredKeys: ['schema'] },
    ),
    fc.anything(),
  );

  it('agrees with the zod schema on any value', () => {
    fc.assert(
      fc.property(ownershipArb, (raw) => {
        expect(isOwnershipSchema1(raw)).toBe(ownershipSchema.safeParse(raw).success);
      }),
      { numRuns: 3000 },
    );
  });

  it('reaches both sides often (so the agreement above means something)', () => {
    const valid = fc.sample(ownershipArb, { numRuns: 1000, seed: 7 }).filter(isOwnershipSchema1).length;
    expect(valid).toBeGreaterThan(200);
    expect(valid).toBeLessThan(800);
  });

  it('accepts real values', () => {
    expect(
      isOwnershipSchema1({ schema: 1, pm: aSlot('ann'), po: { ...aSlot('bob'), extra: 1 }, x: [] }),
    ).toBe(true);
    expect(isOwnershipSchema1({ schema: 1, pm: undefined })).toBe(
      ownershipSchema.safeParse({ schema: 1, pm: undefined }).success,
    );
  });
});
