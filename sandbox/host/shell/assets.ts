// The shell's static assets, made once when the host starts: its script and the iframe bridge shim bundled
// with esbuild (a few KB each, well under a second), its style sheet, and Atlassian's design-token themes
// (light, dark, spacing, typography, shape) from @atlaskit/tokens, served to the shell and to iframes
// whose app calls `view.theme.enable()`.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface ShellAssets {
  shellJs: string;
  bridgeJs: string;
  shellCss: string;
  tokensCss: string;
}

const here = import.meta.dirname;
const TOKEN_THEMES = [
  'atlassian-light',
  'atlassian-dark',
  'atlassian-spacing',
  'atlassian-typography',
  'atlassian-shape',
];

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(here, 'client', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

function tokensCss(): string {
  const require = createRequire(import.meta.url);
  return TOKEN_THEMES.map((theme) => {
    const mod = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`) as { default?: unknown };
    if (typeof mod.default !== 'string')
      throw new Error(`@atlaskit/tokens: theme ${theme} is not a CSS string`);
    return mod.default;
  }).join('\n');
}

export async function buildShellAssets(): Promise<ShellAssets> {
  const [shellJs, bridgeJs] = await Promise.all([bundle('shell.ts'), bundle('bridge-shim.ts')]);
  return {
    shellJs,
    bridgeJs,
    shellCss: readFileSync(join(here, 'shell.css'), 'utf8'),
    tokensCss: tokensCss(),
  };
}
