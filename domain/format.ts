/** Small formatting helpers for staff-facing reasons (French decimal comma). */
export function frNumber(n: number, maxDecimals = 2): string {
  const f = 10 ** maxDecimals;
  return String(Math.round(n * f) / f).replace('.', ',');
}

export function enNumber(n: number, maxDecimals = 2): string {
  const f = 10 ** maxDecimals;
  return String(Math.round(n * f) / f);
}

export function plural(n: number, one: string, many: string): string {
  return n <= 1 && n >= -1 ? one : many;
}
