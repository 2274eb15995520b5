// The Alignment page's bulk assignment resolvers (bulk/*, src/contract/bulk.ts). Placeholder until they land.
import type Resolver from '@forge/resolver';

export function registerBulkResolvers(resolver: Resolver): void {
  void resolver;
}
