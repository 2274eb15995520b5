// The domain's public API: pure types, rules and the gap engine. Other layers import from here.
export * from './model';
export * from './policy';
export * from './hierarchy';
export * from './scope';
export * from './waivers';
export * from './coverage';
export * from './ownership';
export * from './eligibility';
export * from './rules';
export * from './explain';
export * from './gap-order';
export * from './gap-engine';
