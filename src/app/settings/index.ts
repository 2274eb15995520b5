// The settings page's use cases (issue 11): read and save the policy, and the pickers' searches.
export { getSettings, describeSettings } from './describe-settings';
export { saveSettings } from './save-settings';
export { searchGroups, searchPeople } from './search';
export type { SettingsPorts } from './ports';
export { NOT_AN_ADMIN } from './admin';
