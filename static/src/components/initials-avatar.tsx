// A person's initials in a round badge, without Atlaskit's Avatar (kept off the issue context's first
// paint). The name is always written next to it, so it is decoration for screen readers.
import { initials, stableIndex } from '../format';

const ACCENTS = ['blue', 'purple', 'teal', 'green', 'orange', 'magenta'] as const;

export function InitialsAvatar({
  person,
  size = 'medium',
}: {
  person: { accountId: string; displayName: string | null };
  size?: 'small' | 'medium';
}) {
  const accent =
    person.displayName === null ? 'unknown' : ACCENTS[stableIndex(person.accountId, ACCENTS.length)];
  return (
    <span className={`rs-avatar rs-avatar--${size}`} aria-hidden="true">
      <span className={`rs-initials rs-initials--${size} rs-initials--${accent}`}>
        {initials(person.displayName)}
      </span>
    </span>
  );
}
