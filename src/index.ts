// The functions manifest.yml names (`function[].handler: index.<export>`). Forge entry points only.
export { issuePanelHandler, issueContextHandler } from './forge/issue';
export { issueContextStatus } from './forge/issue-status';
export { alignmentPageHandler } from './forge/alignment-page';
export { personalDataReport } from './forge/personal-data';
export { scanConsumer } from './forge/scan-consumer';
export { issueEvents } from './forge/issue-events';
export { dailyScan } from './forge/daily-scan';
export { settingsPageHandler } from './forge/settings-page';
export { bulkConsumer } from './forge/bulk-consumer';
export { notifyHourly } from './forge/notify-trigger';
export { notifyProjectConsumer, notifyRecipientConsumer } from './forge/notify-consumers';
