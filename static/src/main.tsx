// Entry point of the Custom UI. Styles are static files (Forge's content security policy blocks injected
// <style> tags); the app itself loads only once the Forge bridge is known to be there, because
// `@forge/bridge` throws while loading when it is not.
import '@atlaskit/css-reset';
import 'virtual:role-split/ds-themes.css';
import './styles/app.css';
import { createRoot } from 'react-dom/client';

interface FeatureFlagGlobal {
  __PLATFORM_FEATURE_FLAGS__?: { booleanResolver?: (flag: string) => boolean };
  __bridge?: { callBridge?: unknown };
}

const globals = globalThis as FeatureFlagGlobal;

// Atlaskit components ask a global feature-gate resolver about their experiments; inside a Forge iframe
// nobody sets one, and each first check then logs an error. Role Split runs every component as released.
globals.__PLATFORM_FEATURE_FLAGS__ = { ...globals.__PLATFORM_FEATURE_FLAGS__, booleanResolver: () => false };

const container = document.getElementById('root');
if (!container) throw new Error('Role Split: #root is missing from index.html');
const root = createRoot(container);

if (typeof globals.__bridge?.callBridge === 'function') {
  void import('./app').then(({ start }) => start(root));
} else {
  root.render(
    <p className="rs-center" role="alert">
      Role Split runs inside Jira. Open it from an issue or a project in your Jira site.
    </p>,
  );
}
