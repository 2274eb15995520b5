// A person's avatar: Atlaskit's Avatar frame with their initials inside. The view models carry no avatar
// URLs (and Forge's content policy would need an image host declared), so initials stand in for photos.
import Avatar, { AvatarContent } from '@atlaskit/avatar';
import type { PersonView } from '../../../src/contract';
import { initials, stableIndex } from '../format';

const ACCENTS = ['blue', 'purple', 'teal', 'green', 'orange', 'magenta'] as const;

export type AvatarSize = 'small' | 'medium' | 'large';

export function PersonAvatar({
  person,
  size = 'medium',
}: {
  person: Pick<PersonView, 'accountId' | 'displayName'>;
  size?: AvatarSize;
}) {
  const accent =
    person.displayName === null ? 'unknown' : ACCENTS[stableIndex(person.accountId, ACCENTS.length)];
  return (
    // The name is always written next to the avatar, so the avatar itself is decoration for screen readers.
    <span aria-hidden="true">
      <Avatar size={size} name={person.displayName ?? 'Unknown account'}>
        <AvatarContent>
          <span className={`rs-initials rs-initials--${size} rs-initials--${accent}`}>
            {initials(person.displayName)}
          </span>
        </AvatarContent>
      </Avatar>
    </span>
  );
}
