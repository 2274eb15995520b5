// What the page says when the project roles the settings name do not exist: how a Jira admin creates them, or,
// where they cannot be created (Jira Free, a team-managed project), why, with a way straight to the groups and
// people choice.
import type { RolesOnboarding } from '../../../src/contract/settings';
import { Notice } from '../components/notice';
import { onboardingText } from './settings-text';

export function OnboardingNotice({
  onboarding,
  onChooseGroups,
}: {
  onboarding: RolesOnboarding;
  onChooseGroups: () => void;
}) {
  const text = onboardingText(onboarding);
  if (!text) return null;
  return (
    <div data-testid="settings-onboarding" data-kind={onboarding.kind}>
      <Notice
        appearance={onboarding.kind === 'create-roles' ? 'warning' : 'information'}
        title={text.title}
        actions={
          <button
            type="button"
            className="rs-btn"
            onClick={onChooseGroups}
            data-testid="settings-choose-groups"
          >
            Choose groups or people
          </button>
        }
      >
        {text.paragraphs.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </Notice>
    </div>
  );
}
