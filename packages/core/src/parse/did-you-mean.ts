/** Options of {@link didYouMean}: how close a candidate must be, and how many to return. */
export interface DidYouMeanOptions {
  /** Largest edit distance that still counts as close; default grows with the input, about one edit per 3 characters. */
  maxDistance?: number;
  /** Most candidates returned; default 3. */
  limit?: number;
}

/**
 * The candidates closest to `input`, best first: case-insensitive edit distance (a swap of two
 * neighbouring letters counts as one edit), plus prefixes (`prod` → `production`) and, for ids
 * like `provider/model`, the part after the slash (`gpt-4o` → `openai/gpt-4o`).
 * Empty when nothing is close enough to be a useful hint.
 */
export function didYouMean(input: string, candidates: readonly string[], options: DidYouMeanOptions = {}): string[] {
  const needle = input.trim().toLowerCase();
  if (needle === '') return [];
  const maxDistance = options.maxDistance ?? Math.max(1, Math.floor(needle.length / 3));
  const limit = options.limit ?? 3;

  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of new Set(candidates)) {
    const score = closeness(needle, candidate.toLowerCase(), maxDistance);
    if (score !== undefined) scored.push({ candidate, score });
  }
  scored.sort((left, right) => left.score - right.score || left.candidate.localeCompare(right.candidate));
  // Only the near-best: a distant second guess is noise next to a one-letter typo.
  const best = scored[0]?.score ?? 0;
  return scored
    .filter((entry) => entry.score <= best + 1)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

/** Joins suggestions for a sentence: `a`, `a or b`, `a, b or c`. */
export function joinSuggestions(suggestions: readonly string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  if (suggestions.length === 1) return suggestions[0];
  return `${suggestions.slice(0, -1).join(', ')} or ${suggestions.at(-1)}`;
}

/** A score (lower is closer), or undefined when the candidate is not close. */
function closeness(needle: string, candidate: string, maxDistance: number): number | undefined {
  if (needle === candidate) return 0;
  const distance = editDistance(needle, candidate, maxDistance);
  if (distance <= maxDistance) return distance;
  const slash = candidate.lastIndexOf('/');
  if (slash >= 0 && !needle.includes('/')) {
    const name = candidate.slice(slash + 1);
    const nameDistance = name === needle ? 0 : editDistance(needle, name, maxDistance);
    // Ranked after any full-id match at the same distance.
    if (nameDistance <= maxDistance) return nameDistance + 0.5;
  }
  // A prefix of at least 3 characters is a likely abbreviation; ranked after real typos.
  if (needle.length >= 3 && candidate.startsWith(needle)) return maxDistance + 1;
  return undefined;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early
 * once every cell of a row exceeds `cap`.
 */
function editDistance(left: string, right: string, cap: number): number {
  if (Math.abs(left.length - right.length) > cap) return cap + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let rowMinimum = row;
    for (let column = 1; column <= right.length; column++) {
      const substitution = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        (previous[column - 1] ?? 0) + substitution,
      );
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        value = Math.min(value, (previousPrevious[column - 2] ?? 0) + 1);
      }
      current[column] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > cap) return cap + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[right.length] ?? cap + 1;
}
