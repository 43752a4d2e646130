/** `value` rounded to `digits` decimals, for figures stored without float noise (not for display: see format/). */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
