// Limits of the bulk contract (src/contract/bulk.ts), repeated as plain values: importing them from the contract
// would bring classic zod into the page's bundle. A unit test keeps the two equal.

/** Most issues one bulk request may name. */
export const MAX_BULK_ISSUES = 1_000;

/** How often a running job is asked for its progress (the brief: every 1–2 s while it runs). */
export const JOB_POLL_MS = 1_500;

/** Typing pauses this long before the people picker searches. */
export const PEOPLE_SEARCH_DEBOUNCE_MS = 250;
