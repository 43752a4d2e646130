/** A field path inside a usage file: keys and array indexes, e.g. `['workloads', 0, 'model']`. */
export type UsageFilePath = ReadonlyArray<string | number>;

const identifier = /^[A-Za-z_$][\w$]*$/;

/**
 * Formats a path the way a reader writes it: `workloads[0].volume.requestsPerMonth`, with keys that
 * are not identifiers quoted, e.g. `models["acme/large"].input`.
 */
export function formatUsageFilePath(path: UsageFilePath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (identifier.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
