// Resolvers of scheduled gap notifications (issue 12) on the pages that show them: the settings page's
// notification section (`notifications/*`, registered by src/forge/settings-page.ts) and the viewer's mute switch
// on the issue modules (`issue/get-mute`, `issue/set-mute`) and the Alignment page (`project/get-mute`,
// `project/set-mute`; the email's mute link lands there). Each is a few lines over a use case in
// src/app/notify/; the project comes from the Forge context, the viewer from the platform.
import type Resolver from '@forge/resolver';
import type { z } from 'zod';
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
import {
  issueViewContext,
  projectPageContext,
  projectSettingsPageContext,
  type ProjectPageContext,
} from './context';
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

/**
 * The viewer's mute switch on one surface: `get` and `set` are the same use cases on every surface; only the
 * keys, the module's context (with the project Forge signed) and the `via` recorded with a mute differ.
 */
function registerMuteResolvers<C extends ProjectPageContext>(
  resolver: Resolver,
  keys: { get: 'issue/get-mute' | 'project/get-mute'; set: 'issue/set-mute' | 'project/set-mute' },
  surface: { context: z.ZodType<C>; wrongPlace: string; via: 'issue' | 'page' },
): void {
  const { context: contextSchema, wrongPlace, via } = surface;
  defineResolver(resolver, keys.get, {
    context: contextSchema,
    wrongPlace,
    run: ({ context, accountId, ports }) =>
      describeMute(mutePorts(ports), { project: context.extension.project, viewer: viewerOf(accountId) }),
  });
  defineResolver(resolver, keys.set, {
    context: contextSchema,
    wrongPlace,
    run: ({ context, accountId, ports, payload }) =>
      setMute(mutePorts(ports), {
        project: context.extension.project,
        viewer: viewerOf(accountId),
        muted: payload.muted,
        via,
      }),
  });
}

/** `issue/get-mute` and `issue/set-mute` on the issue modules (call once, from src/forge/issue.ts). */
export function registerIssueMuteResolvers(resolver: Resolver): void {
  registerMuteResolvers(
    resolver,
    { get: 'issue/get-mute', set: 'issue/set-mute' },
    {
      context: issueViewContext,
      wrongPlace: 'This request works only from Role Split on a Jira issue.',
      via: 'issue',
    },
  );
}

/** `project/get-mute` and `project/set-mute` on the Alignment page (call once, from src/forge/alignment-page.ts). */
export function registerProjectMuteResolvers(resolver: Resolver): void {
  registerMuteResolvers(
    resolver,
    { get: 'project/get-mute', set: 'project/set-mute' },
    {
      context: projectPageContext,
      wrongPlace: 'This request works only from the Role Split page of a Jira project.',
      via: 'page',
    },
  );
}
