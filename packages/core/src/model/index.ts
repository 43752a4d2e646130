// The report model: types, strategy keys, dates and growth. A leaf: it imports nothing else of core but the
// usage-file schema's types, so every other folder may import it without a cycle. Only the names that were public
// before this folder existed are exported here; `roundTo` and `volumeMonths` stay internal.
export { horizonMonthOf, isValidDate } from './dates.js';
export { averageGrowthFactor } from './growth.js';
export { STRATEGY_KEYS, strategyKey } from './strategies.js';
export type * from './types.js';
