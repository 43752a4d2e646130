export { betaQuantile, regularizedIncompleteBeta, sampleBeta, sampleGamma } from './beta.js';
export {
  casesToDistinguish,
  compareQuality,
  DISTINGUISHABLE_AT,
  monthlyFailureCost,
  PASS_RATE_INTERVAL,
  type PassRate,
  passRate,
  passRates,
  probabilityHigher,
  QUALITY_DRAWS,
  type QualityComparison,
  type QualityDrawOptions,
} from './quality.js';
