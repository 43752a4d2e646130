/** A copy of `value` without its `undefined` fields, so optional fields stay absent in JSON and deep equality. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
