/**
 * A streaming quantile sketch with a bounded relative error: a logarithmic histogram in the style of
 * DDSketch (Masson, Rim and Lee, VLDB 2019). A value `x > 0` falls in bucket `ceil(log_γ x)` with
 * `γ = (1 + α) / (1 − α)`; every value in bucket `i` lies in `(γ^(i−1), γ^i]`, and the bucket's
 * representative `2γ^i / (γ + 1)` is within a relative error `α` of each of them. So the reported
 * quantile is within `α` of the exact one (for the rank `floor(q · (n − 1))` of the sorted values),
 * whatever the data, while memory grows only with the log of the largest value, never with the count.
 */
export class QuantileSketch {
  /** Relative accuracy α: every quantile is within `α · exact` of the exact one. */
  readonly relativeAccuracy: number;
  private readonly gamma: number;
  private readonly logGamma: number;
  /** Counts of buckets `offset .. offset + counts.length − 1`; grown on demand. */
  private counts: Float64Array = new Float64Array(0);
  private offset = 0;
  private zeroCount = 0;
  private total = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  /** @param relativeAccuracy α in (0, 1); 0.01 keeps ~1,100 buckets for values up to 1e9. */
  constructor(relativeAccuracy = 0.01) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
  }

  /** Values recorded so far. */
  get count(): number {
    return this.total;
  }

  /** The exact arithmetic mean of the recorded values; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sum / this.total;
  }

  /** Records one value. Negative and non-finite values are ignored: token counts are never either. */
  add(value: number): void {
    if (!(value >= 0) || value === Number.POSITIVE_INFINITY) return;
    this.total += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value === 0) {
      this.zeroCount += 1;
      return;
    }
    const index = Math.ceil(Math.log(value) / this.logGamma);
    this.ensureBucket(index);
    this.counts[index - this.offset]! += 1;
  }

  /**
   * The value at quantile `q` (0..1), within the relative accuracy of the exact value at rank
   * `floor(q · (count − 1))`; 0 when empty. Clamped to the observed min and max, which only moves
   * it closer to the exact value.
   */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.floor(Math.min(1, Math.max(0, q)) * (this.total - 1));
    if (rank < this.zeroCount) return 0;
    let seen = this.zeroCount;
    for (let position = 0; position < this.counts.length; position += 1) {
      seen += this.counts[position]!;
      if (seen > rank) {
        const estimate = (2 * this.gamma ** (position + this.offset)) / (this.gamma + 1);
        return Math.min(this.max, Math.max(this.min, estimate));
      }
    }
    return this.max;
  }

  /** Adds another sketch's values to this one (both must share the relative accuracy). */
  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError('cannot merge sketches with different relative accuracy');
    }
    if (other.total === 0) return;
    for (let position = 0; position < other.counts.length; position += 1) {
      const count = other.counts[position]!;
      if (count === 0) continue;
      const index = position + other.offset;
      this.ensureBucket(index);
      this.counts[index - this.offset]! += count;
    }
    this.zeroCount += other.zeroCount;
    this.total += other.total;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  private ensureBucket(index: number): void {
    if (this.counts.length === 0) {
      this.offset = index - 32;
      this.counts = new Float64Array(64);
      return;
    }
    const end = this.offset + this.counts.length;
    if (index >= this.offset && index < end) return;
    const newOffset = Math.min(this.offset, index);
    const newEnd = Math.max(end, index + 1);
    // A little slack: the range widens at most log_γ(max/min) times, so copies stay cheap, and the
    // array stays close to the range of buckets actually seen.
    const size = newEnd - newOffset + 64;
    const grown = new Float64Array(size);
    // The spare room goes on the side that grew, where the next new bucket most likely lands.
    const start = index < this.offset ? newEnd - size : newOffset;
    grown.set(this.counts, this.offset - start);
    this.counts = grown;
    this.offset = start;
  }
}
