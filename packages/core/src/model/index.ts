// The report model: types, strategy keys, dates and growth. A leaf: it imports nothing else of core but the
// usage-file schema's types, so every other folder may import it without a cycle.
export { horizonMonthOf, isValidDate } from './dates.js';
export { averageGrowthFactor, volumeMonths } from './growth.js';
export { roundTo } from './numbers.js';
export { STRATEGY_KEYS, strategyKey } from './strategies.js';
export type * from './types.js';
