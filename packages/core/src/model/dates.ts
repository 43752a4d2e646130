const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The horizon month (1-based) that contains `date`, where month m spans
 * [asOf + (m-1) months, asOf + m months). Dates before asOf give 0.
 */
export function horizonMonthOf(date: string, asOf: string): number {
  const [year, month, day] = parts(date);
  const [asOfYear, asOfMonth, asOfDay] = parts(asOf);
  let wholeMonths = (year - asOfYear) * 12 + (month - asOfMonth);
  if (day < asOfDay) wholeMonths -= 1;
  return date < asOf ? 0 : wholeMonths + 1;
}

/** Whether `date` is a real calendar day written YYYY-MM-DD (so `2026-02-30` is not). */
export function isValidDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const value = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(value.getTime()) && value.toISOString().slice(0, 10) === date;
}

/** Whole days from `from` to `to` (negative when `to` is earlier); both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  const [fromYear, fromMonth, fromDay] = parts(from);
  const [toYear, toMonth, toDay] = parts(to);
  return (Date.UTC(toYear, toMonth - 1, toDay) - Date.UTC(fromYear, fromMonth - 1, fromDay)) / 86_400_000;
}
