// The functions manifest.yml names (`function[].handler: index.<export>`). Forge entry points only.
export { issuePanelHandler } from './forge/issue-panel';
export { alignmentPageHandler } from './forge/alignment-page';
