// Resolvers of the project settings page (`jira:projectSettingsPage`, key role-split-settings-page): the whole
// policy in the role-split-policy project property (src/app/settings/). The project comes from the Forge
// context; every resolver checks, as the user, that they administer the project or Jira before it reads
// anything else, and refuses anyone else with FORBIDDEN.
import Resolver from '@forge/resolver';
import { randomUUID } from 'node:crypto';
import { getSettings, saveSettings, searchGroups, searchPeople, type SettingsPorts } from '../app/settings';
import { projectSettingsPageContext, type ProjectSettingsPageContext } from './context';
import { defineResolver, type ResolverInput } from './define';
import { registerNotificationResolvers } from './notification-resolvers';
import { forgeScanQueue } from './scan-queue';

const resolver = new Resolver();
const wrongPlace = "This request works only from Role Split's settings page in a Jira project's settings.";

function settingsPorts(
  ports: ResolverInput<'settings/get', ProjectSettingsPageContext>['ports'],
): SettingsPorts {
  return {
    userJira: ports.userJira,
    store: ports.store,
    clock: ports.clock,
    queue: forgeScanQueue(),
    newId: () => randomUUID(),
  };
}

defineResolver(resolver, 'settings/get', {
  context: projectSettingsPageContext,
  wrongPlace,
  run: ({ context, ports }) => getSettings(settingsPorts(ports), context.extension.project),
});

defineResolver(resolver, 'settings/save', {
  context: projectSettingsPageContext,
  wrongPlace,
  run: ({ context, ports, payload, accountId }) =>
    saveSettings(settingsPorts(ports), context.extension.project, payload.policy, accountId),
});

defineResolver(resolver, 'settings/search-groups', {
  context: projectSettingsPageContext,
  wrongPlace,
  run: ({ context, ports, payload, accountId }) =>
    searchGroups(settingsPorts(ports), context.extension.project, accountId, payload.query),
});

defineResolver(resolver, 'settings/search-people', {
  context: projectSettingsPageContext,
  wrongPlace,
  run: ({ context, ports, payload, accountId }) =>
    searchPeople(settingsPorts(ports), context.extension.project, accountId, payload.query),
});

registerNotificationResolvers(resolver);

export const settingsPageHandler = resolver.getDefinitions();
