// The domain's public API: pure types, rules and the gap engine. Other layers import from here.
export * from './model';
export * from './policy';
export * from './hierarchy';
export * from './ownership';
export * from './eligibility';
export * from './gap-order';
export * from './gap-engine';
