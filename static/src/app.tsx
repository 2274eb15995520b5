// Reads the Forge context, turns on Jira's theme, and shows the view for the module Jira opened.
// The issue context section, which Jira shows on every issue, is part of this chunk (a few KB): one fewer
// round trip before it paints. Every other view is its own lazy chunk, so the section downloads neither the
// full view, nor the picker, nor the alignment page's table. Nothing here imports Atlaskit components with a
// runtime of their own, so the section's first paint stays small (see `npm run bench`).
import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { AppContextReact } from './app-context';
import { getContext, theme } from './bridge';
import { Loading } from './components/loading';
import { Notice } from './components/notice';
import { readContext, type AppContext, type ModuleView } from './forge-context';
import { IssueContext } from './issue-context/issue-context';

const IssuePanel = lazy(() => import('./issue-panel/issue-panel').then((m) => ({ default: m.IssuePanel })));
const AlignmentPage = lazy(() =>
  import('./alignment-page/alignment-page').then((m) => ({ default: m.AlignmentPage })),
);
const SettingsPage = lazy(() =>
  import('./settings-page/settings-page').then((m) => ({ default: m.SettingsPage })),
);

function ModuleRoute({ module }: { module: ModuleView | null }) {
  switch (module) {
    case 'issue-context':
      return <IssueContext />;
    case 'issue-panel':
      return <IssuePanel place="panel" />;
    case 'full-view':
      return <IssuePanel place="modal" />;
    case 'alignment-page':
      return <AlignmentPage />;
    case 'settings-page':
      return <SettingsPage />;
    default:
      return (
        <Notice appearance="warning" title="Nothing to show here" testId="app-unknown-module">
          <p>This part of Jira has no Role Split view yet.</p>
        </Notice>
      );
  }
}

/** A render error shows a message instead of an empty frame. */
class RenderBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('Role Split: the view failed to render', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Notice appearance="error" title="Role Split could not display this" testId="app-render-error">
        <p>Something unexpected happened while drawing this view. Reload the page to try again.</p>
      </Notice>
    );
  }
}

export function App({ context }: { context: AppContext }) {
  return (
    <AppContextReact value={context}>
      <RenderBoundary>
        <Suspense
          fallback={<Loading label="Loading Role Split" compact={context.module === 'issue-context'} />}
        >
          <ModuleRoute module={context.module} />
        </Suspense>
      </RenderBoundary>
    </AppContextReact>
  );
}

function applyInitialColorMode(colorMode: AppContext['colorMode']) {
  // Until the host's theming answers, follow the colour mode the context reports, so dark-mode users don't
  // see a light flash.
  if (colorMode) document.documentElement.setAttribute('data-color-mode', colorMode);
}

export async function start(root: Root): Promise<void> {
  root.render(<Loading label="Loading Role Split" />);
  let context: AppContext;
  try {
    context = readContext(await getContext());
  } catch (error) {
    console.error('Role Split: could not read the Forge context', error);
    root.render(
      <Notice appearance="error" title="Role Split could not start" testId="app-start-error">
        <p>Jira did not tell Role Split where it is running. Reload the page to try again.</p>
      </Notice>,
    );
    return;
  }
  applyInitialColorMode(context.colorMode);
  theme.enable().catch((error: unknown) => console.error('Role Split: theming unavailable', error));
  root.render(<App context={context} />);
}
