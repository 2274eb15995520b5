// Jest's TypeScript transform: esbuild (already the project's bundler) turns each test and source file into
// CommonJS with the same default-import interop the Forge bundle has (`import Resolver from '@forge/resolver'`).
// `import.meta` has no CommonJS form, so its parts become the module's own `__dirname` / `__filename` / URL;
// `import()` stays native, and Jest (run with --experimental-vm-modules) links what it loads.
const { createHash } = require('node:crypto');
const { transformSync, version } = require('esbuild');

const URL_BANNER = "var __import_meta_url = require('node:url').pathToFileURL(__filename).href;";

function loaderFor(filename) {
  if (filename.endsWith('.tsx')) return 'tsx';
  if (filename.endsWith('.ts') || filename.endsWith('.mts') || filename.endsWith('.cts')) return 'ts';
  return 'js';
}

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: loaderFor(filename),
      format: 'cjs',
      target: 'node20',
      jsx: 'automatic',
      sourcefile: filename,
      sourcemap: 'external',
      sourcesContent: false,
      define: {
        'import.meta.dirname': '__dirname',
        'import.meta.filename': '__filename',
        'import.meta.url': '__import_meta_url',
      },
      banner: source.includes('import.meta.url') ? URL_BANNER : '',
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(version)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
