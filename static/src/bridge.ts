// The parts of @forge/bridge Role Split uses, taken from the bridge's own modules instead of its index. The
// index is CommonJS that requires every part of the bridge (the ADF renderer among them pulls Atlaskit's
// feature-gate client and Statsig, about 60 KB gzipped), and a CommonJS index cannot be tree-shaken; these
// files are the same code the index re-exports. The package's `exports` map only names the index, hence the
// relative paths.
export { invoke } from '../../node_modules/@forge/bridge/out/invoke/invoke.js';
export { getContext } from '../../node_modules/@forge/bridge/out/view/getContext.js';
export { theme } from '../../node_modules/@forge/bridge/out/view/theme.js';
export { close as closeView } from '../../node_modules/@forge/bridge/out/view/close.js';
export { events } from '../../node_modules/@forge/bridge/out/events/events.js';
export { showFlag } from '../../node_modules/@forge/bridge/out/flag/flag.js';
export { router } from '../../node_modules/@forge/bridge/out/router/router.js';
export { Modal } from '../../node_modules/@forge/bridge/out/modal/modal.js';
export { createHistory } from '../../node_modules/@forge/bridge/out/view/createHistory.js';
