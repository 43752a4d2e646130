/**
 * The Beta distribution pieces the quality model needs: its CDF (the regularized incomplete beta
 * function), its quantile, and seeded draws. Written here rather than imported: the small pure
 * packages that offer a Beta quantile pull dozens of transitive modules into core, and these few
 * functions are checked against scipy in beta.test.ts.
 */

// Lanczos coefficients (g = 7, n = 9): log-gamma to about 15 significant digits for x > 0.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0] ?? 0;
  // Stryker disable next-line EqualityOperator: one step past the last coefficient adds `?? 0`, that is 0 / (shifted + 9)
  for (let index = 1; index < LANCZOS_COEFFICIENTS.length; index++) {
    sum += (LANCZOS_COEFFICIENTS[index] ?? 0) / (shifted + index);
  }
  const base = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(base) - base + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const CONTINUED_FRACTION_EPSILON = 1e-15;
const TINY = 1e-300;
// Enough for shape parameters far beyond any eval set: the fraction needs about √max(a, b) terms.
const CONTINUED_FRACTION_MAX_TERMS = 100_000;

/** I_x(a, b): the CDF of Beta(a, b) at x, by the continued fraction of the incomplete beta (modified Lentz). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`Beta shape parameters must be positive (got ${a}, ${b})`);
  // Stryker disable next-line EqualityOperator: at x = 0 the fraction's front factor is e^(a·ln 0) = 0 all the same
  if (x <= 0) return 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: x ≥ 1 lies above the mean, whose reflection 1 − I_{1−x}(b, a) meets the x ≤ 0 guard and gives 1
  if (x >= 1) return 1;
  // The fraction converges fast only below the mean; above it, use I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedIncompleteBeta(1 - x, b, a);
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b)) / a;
  return front * incompleteBetaFraction(x, a, b);
}

/**
 * Modified Lentz's step: a denominator that cancels to (nearly) zero is replaced by a tiny number, so the next
 * division stays finite (Numerical Recipes, 3rd ed., §5.2). Exported for its test: no shape tested reaches it.
 */
export function awayFromZero(value: number): number {
  // Stryker disable next-line EqualityOperator: at exactly TINY both give TINY
  return Math.abs(value) < TINY ? TINY : value;
}

function incompleteBetaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 / awayFromZero(1 - ((a + b) * x) / (a + 1));
  let result = d;
  // Stryker disable next-line EqualityOperator: the fraction converges in about √max(a, b) terms; the 100,000th matters only for shapes beyond 10^10
  for (let term = 1; term <= CONTINUED_FRACTION_MAX_TERMS; term++) {
    const twice = 2 * term;
    // Even step.
    let numerator = (term * (b - term) * x) / ((a + twice - 1) * (a + twice));
    d = 1 / awayFromZero(1 + numerator * d);
    c = awayFromZero(1 + numerator / c);
    result *= d * c;
    // Odd step.
    numerator = (-(a + term) * (a + b + term) * x) / ((a + twice) * (a + twice + 1));
    d = 1 / awayFromZero(1 + numerator * d);
    c = awayFromZero(1 + numerator / c);
    const change = d * c;
    result *= change;
    // Stryker disable next-line EqualityOperator: a change of exactly 1 ± 1e-15 takes one more term, which moves the result by less than 1e-15
    if (Math.abs(change - 1) < CONTINUED_FRACTION_EPSILON) return result;
  }
  return result;
}

/** The x with I_x(a, b) = probability, by bisection on the CDF (to the last bits of a double). */
export function betaQuantile(probability: number, a: number, b: number): number {
  if (!(probability >= 0 && probability <= 1))
    throw new RangeError(`probability must be in [0, 1] (got ${probability})`);
  // Stryker disable next-line ConditionalExpression: without it the bisection halves down to the smallest double, whose midpoint with 0 rounds to 0: the same answer, ~1,075 steps later
  if (probability === 0) return 0;
  if (probability === 1) return 1;
  let low = 0;
  let high = 1;
  // Halve until the midpoint is one of the ends, which are then adjacent doubles: about 53 halvings, at most ~1,075
  // for a quantile deep among the subnormals near 0.
  for (;;) {
    const middle = (low + high) / 2;
    if (middle === low || middle === high) return middle;
    // Stryker disable next-line EqualityOperator: `<=` differs only where the CDF equals the probability exactly at a midpoint, and then by the few doubles of that plateau
    if (regularizedIncompleteBeta(middle, a, b) < probability) low = middle;
    else high = middle;
  }
}

/** A uniform draw in [0, 1). */
export type Random = () => number;

/** A standard normal draw (Box–Muller); 1 − u keeps the logarithm's argument in (0, 1]. */
export function sampleStandardNormal(random: Random): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return radius * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, 1) draw by Marsaglia and Tsang (2000); shapes below 1 are boosted by U^(1/shape). */
export function sampleGamma(shape: number, random: Random): number {
  if (!(shape > 0)) throw new RangeError(`Gamma shape must be positive (got ${shape})`);
  // Stryker disable next-line EqualityOperator: Gamma(k) = Gamma(k + 1) · U^(1/k) holds for every k, so boosting k = 1 too draws the same distribution
  if (shape < 1) return sampleGamma(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = sampleStandardNormal(random);
    // Stryker disable next-line ArithmeticOperator: the normal is symmetric and used below only squared, so 1 − c·normal draws the same distribution
    const base = 1 + c * normal;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: for shape ≥ 1, base ≤ 0 needs normal ≤ −3√d, where 0.0331·normal⁴ > 1 fails the squeeze and ln(base³) (NaN or −∞) fails the test below
    if (base <= 0) continue;
    const v = base * base * base;
    const uniform = 1 - random();
    // The squeeze only saves a logarithm: everything it accepts, the exact test below accepts too.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: skipping the squeeze, or accepting at exact equality (probability 0), draws the same distribution
    if (uniform < 1 - 0.0331 * normal ** 4) return d * v;
    // Stryker disable next-line EqualityOperator: accepting at exact equality has probability 0
    if (Math.log(uniform) < 0.5 * normal * normal + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(a: number, b: number, random: Random): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x / (x + y);
}
