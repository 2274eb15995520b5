// Scheduled gap notifications (issue 12): docs/design/notifications.md.
export {
  planRun,
  addresseesOf,
  gapKeyOf,
  type OpenGap,
  type PlanInput,
  type RunPlan,
  type PlannedItem,
} from './plan-run';
export { readRunView, sentToday, engineRunStatus } from './run-view';
export { readSiteState, handleRecipientMessage, type SiteState } from './recipient-stage';
export { handleProjectMessage, dispatchRecipients, planProject } from './project-stage';
export { startRun } from './start-run';
export {
  readProjectNotifySettings,
  parseNotificationSettings,
  readSiteDailyCap,
  saveSiteDailyCap,
  isDueAt,
} from './settings';
export type { NotifyMessage, NotifyPorts, NotifyQueue } from './ports';
