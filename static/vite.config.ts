// One Vite build for every Custom UI module: a single app that routes on the Forge context's module type.
// `base: './'` because Forge serves a resource from a sub-path, so asset URLs must be relative.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Design-token themes the app ships as a static stylesheet (ids as `@atlaskit/tokens` names them). */
const SHIPPED_THEMES = new Set(['light', 'dark', 'spacing', 'typography', 'shape']);
const THEMES_MODULE = 'virtual:role-split/ds-themes.css';

interface ThemeStyle {
  id: string;
  css: string;
}

/**
 * Serves the Atlassian design-token themes as a real CSS file in the build instead of the `<style>` tags
 * `setGlobalTheme` would inject at run time: Forge's content security policy blocks inline styles unless the
 * manifest opts in, and a static file keeps tokens resolving even before (or without) the host's theming.
 * `view.theme.enable()` only has to flip `data-color-mode` on `<html>`.
 */
function designTokenThemes(): Plugin {
  const resolvedId = `\0${THEMES_MODULE}`;
  return {
    name: 'role-split:design-token-themes',
    resolveId: (source) => (source === THEMES_MODULE ? resolvedId : null),
    async load(id) {
      if (id !== resolvedId) return null;
      // getThemeStyles asks Atlaskit's feature gates which theme variants exist; no gate client runs in a build,
      // and an unanswered gate logs a stack trace (then counts as off). Answer "off" up front, quietly.
      const flags = globalThis as {
        __PLATFORM_FEATURE_FLAGS__?: { booleanResolver?: (flag: string) => boolean };
      };
      flags.__PLATFORM_FEATURE_FLAGS__ ??= {};
      flags.__PLATFORM_FEATURE_FLAGS__.booleanResolver ??= () => false;
      const require = createRequire(import.meta.url);
      const { getThemeStyles } = require('@atlaskit/tokens/get-theme-styles') as {
        getThemeStyles: (state: Record<string, string>) => Promise<ThemeStyle[]>;
      };
      const styles = await getThemeStyles({
        colorMode: 'auto',
        light: 'light',
        dark: 'dark',
        spacing: 'spacing',
        typography: 'typography',
        shape: 'shape',
      });
      const shipped = styles.filter((style) => SHIPPED_THEMES.has(style.id));
      if (shipped.length !== SHIPPED_THEMES.size) {
        throw new Error(`design-token themes missing: got ${shipped.map((s) => s.id).join(', ')}`);
      }
      return shipped.map((style) => style.css).join('\n');
    },
  };
}

export default defineConfig(({ command }) => {
  // A build is always React's production build. Vite takes NODE_ENV from the environment when it is set, and
  // Jest sets NODE_ENV=test in the tests that (re)build the UI (in a child process): that shipped React's
  // development build (about twice the size) to whoever ran `npm start` next. Setting it here, before Vite
  // resolves the config, keeps the JSX transform and React's own build in step.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: here,
    base: './',
    publicDir: 'public',
    plugins: [react(), designTokenThemes()],
    build: {
      outDir: 'build',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 900,
      // .vite/manifest.json: which chunks each entry and lazy view loads; `npm run bench` reads it to size the
      // issue context's first paint.
      manifest: true,
    },
  };
});
