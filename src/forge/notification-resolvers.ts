// Resolvers of scheduled gap notifications (issue 12) on the pages that show them: the settings page's
// notification section (`notifications/*`, registered by src/forge/settings-page.ts) and the viewer's mute switch
// on the issue modules (`issue/get-mute`, `issue/set-mute`) and the Alignment page (`project/get-mute`,
// `project/set-mute`; the email's mute link lands there). Each is a few lines over a use case in
// src/app/notify/; the project comes from the Forge context, the viewer from the platform.
import type Resolver from '@forge/resolver';
import { AppError } from '../app/errors';
import { describeMute, setMute, type MutePorts } from '../app/notify/mute-switch';
import { engineRunStatus } from '../app/notify/run-view';
import { enginePreviewer } from '../app/notify/settings-preview';
import {
  describeNotificationSettings,
  previewNotifications,
  saveNotificationSettings,
  saveSiteDailyCap,
  type NotificationSettingsPorts,
} from '../app/notify/settings-use-cases';
import { issueViewContext, projectPageContext, projectSettingsPageContext } from './context';
import { defineResolver, type ResolverInput } from './define';
import { forgeEntityStore } from './entity-store';

type Ports = ResolverInput<'notifications/get', unknown>['ports'];

function viewerOf(accountId: string | undefined): string {
  if (!accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to use Role Split.');
  return accountId;
}

function settingsPorts(ports: Ports): NotificationSettingsPorts {
  return {
    jira: ports.jira,
    userJira: ports.userJira,
    store: ports.store,
    clock: ports.clock,
    runStatus: engineRunStatus(ports.store),
    previewer: enginePreviewer({ ...ports, entities: forgeEntityStore }),
  };
}

function mutePorts(ports: Ports): MutePorts {
  return { userJira: ports.userJira, store: ports.store, clock: ports.clock };
}

const settingsWrongPlace = 'This request works only from Role Split’s settings page of a Jira project.';

/** The settings page's `notifications/*` (call once, from src/forge/settings-page.ts). */
export function registerNotificationResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'notifications/get', {
    context: projectSettingsPageContext,
    wrongPlace: settingsWrongPlace,
    run: ({ context, accountId, ports }) =>
      describeNotificationSettings(settingsPorts(ports), {
        project: context.extension.project,
        viewer: viewerOf(accountId),
      }),
  });

  defineResolver(resolver, 'notifications/save', {
    context: projectSettingsPageContext,
    wrongPlace: settingsWrongPlace,
    run: ({ context, accountId, ports, payload }) =>
      saveNotificationSettings(settingsPorts(ports), {
        project: context.extension.project,
        viewer: viewerOf(accountId),
        settings: payload.settings,
      }),
  });

  defineResolver(resolver, 'notifications/save-site-cap', {
    context: projectSettingsPageContext,
    wrongPlace: settingsWrongPlace,
    run: ({ context, accountId, ports, payload }) =>
      saveSiteDailyCap(settingsPorts(ports), {
        project: context.extension.project,
        viewer: viewerOf(accountId),
        siteDailyCap: payload.siteDailyCap,
      }),
  });

  defineResolver(resolver, 'notifications/preview', {
    context: projectSettingsPageContext,
    wrongPlace: settingsWrongPlace,
    run: ({ context, accountId, ports }) =>
      previewNotifications(settingsPorts(ports), {
        project: context.extension.project,
        viewer: viewerOf(accountId),
      }),
  });
}

/** `issue/get-mute` and `issue/set-mute` on the issue modules (call once, from src/forge/issue.ts). */
export function registerIssueMuteResolvers(resolver: Resolver): void {
  const wrongPlace = 'This request works only from Role Split on a Jira issue.';
  defineResolver(resolver, 'issue/get-mute', {
    context: issueViewContext,
    wrongPlace,
    run: ({ context, accountId, ports }) =>
      describeMute(mutePorts(ports), { project: context.extension.project, viewer: viewerOf(accountId) }),
  });
  defineResolver(resolver, 'issue/set-mute', {
    context: issueViewContext,
    wrongPlace,
    run: ({ context, accountId, ports, payload }) =>
      setMute(mutePorts(ports), {
        project: context.extension.project,
        viewer: viewerOf(accountId),
        muted: payload.muted,
        via: 'issue',
      }),
  });
}

/** `project/get-mute` and `project/set-mute` on the Alignment page (call once, from src/forge/alignment-page.ts). */
export function registerProjectMuteResolvers(resolver: Resolver): void {
  const wrongPlace = 'This request works only from the Role Split page of a Jira project.';
  defineResolver(resolver, 'project/get-mute', {
    context: projectPageContext,
    wrongPlace,
    run: ({ context, accountId, ports }) =>
      describeMute(mutePorts(ports), { project: context.extension.project, viewer: viewerOf(accountId) }),
  });
  defineResolver(resolver, 'project/set-mute', {
    context: projectPageContext,
    wrongPlace,
    run: ({ context, accountId, ports, payload }) =>
      setMute(mutePorts(ports), {
        project: context.extension.project,
        viewer: viewerOf(accountId),
        muted: payload.muted,
        via: 'page',
      }),
  });
}
