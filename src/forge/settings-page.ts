// Resolvers of the project settings page (`jira:projectSettingsPage`, key role-split-settings-page): the whole
// policy in the role-split-policy project property. Placeholder until the settings use cases land (issue 11).
import Resolver from '@forge/resolver';

const resolver = new Resolver();

export const settingsPageHandler = resolver.getDefinitions();
