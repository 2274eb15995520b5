// How coverage figures become a percentage, for every surface that shows one (CLI table, Custom UI).

/**
 * Whole-number percentage, rounded DOWN so coverage is never overstated (12 of 17 is 70 %, 999 of 1000 is
 * 99 %, only all of them is 100 %). Null when there is nothing to measure: 0 of 0 is not 0 %. Multiplies
 * before dividing so the floor works on an exact quotient: `29 / 100 * 100` is 28.999… in floating point,
 * `29 * 100 / 100` is 29.
 */
export function coveragePercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 100) / whole);
}
