// People found for a bulk change, merged across the roles searched (pure; the search itself is bulk-search.ts).
import type { PersonView, Role } from '../../../src/contract';

export interface FoundPerson {
  person: PersonView;
  /** The roles (of those searched) this person is eligible for. */
  roles: Role[];
}

/** Merges per-role answers, in the order Jira returned them, first role first. */
export function mergeFound(byRole: ReadonlyArray<[Role, readonly PersonView[]]>): FoundPerson[] {
  const found = new Map<string, FoundPerson>();
  for (const [role, people] of byRole)
    for (const person of people) {
      const seen = found.get(person.accountId);
      if (seen) {
        if (!seen.roles.includes(role)) seen.roles.push(role);
      } else found.set(person.accountId, { person, roles: [role] });
    }
  return [...found.values()];
}
