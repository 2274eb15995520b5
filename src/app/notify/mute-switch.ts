// The viewer's "Mute reminders" switch for one project, from the issue context, the Alignment page or the
// email's link. The value lives in the app's storage (written as the app), so the viewer's right to act in the
// project is checked first, as them: someone who may not browse the project has no reminders from it to mute,
// and must not learn anything from the answer.
import type { MuteView } from '../../contract/notifications';
import type { JiraClient } from '../../jira/types';
import { AppError } from '../errors';
import type { Clock, KeyValueStore } from '../ports';
import { readMute, writeMute, type MuteSurface } from './mute-store';

export interface MutePorts {
  userJira: JiraClient;
  store: KeyValueStore;
  clock: Clock;
}

export interface MuteRequest {
  project: { id: string };
  /** The invoking user, from the platform. */
  viewer: string;
}

async function checkMayBrowse(ports: MutePorts, projectId: string): Promise<void> {
  if (!(await ports.userJira.hasPermission('BROWSE_PROJECTS', { projectId }))) {
    throw new AppError(
      'FORBIDDEN',
      'You cannot browse this project, so Role Split sends you no reminders from it. Ask a project admin for access if you need it.',
    );
  }
}

export async function describeMute(ports: MutePorts, request: MuteRequest): Promise<MuteView> {
  await checkMayBrowse(ports, request.project.id);
  const stored = await readMute(ports.store, request.project.id, request.viewer);
  return { muted: stored !== null, mutedAt: stored?.mutedAt ?? null };
}

export async function setMute(
  ports: MutePorts,
  request: MuteRequest & { muted: boolean; via: MuteSurface },
): Promise<MuteView> {
  await checkMayBrowse(ports, request.project.id);
  const stored = await writeMute(ports.store, {
    projectId: request.project.id,
    accountId: request.viewer,
    muted: request.muted,
    via: request.via,
    now: ports.clock.now(),
  });
  return { muted: stored !== null, mutedAt: stored?.mutedAt ?? null };
}
