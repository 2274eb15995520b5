// Runs the client-side checks of Atlassian's official Forge linter (@forge/lint, the library behind
// `forge lint`) on this app, with no login and no network: `node scripts/forge-lint.mjs` (part of `npm run lint`).
//
// The permission check compares every Jira REST call in src/ and static/ with the scopes in manifest.yml. It
// normally downloads each product's OpenAPI document; USE_LOCAL_SWAGGER with all six LOCAL_*_SWAGGER paths set
// makes it read files instead (@forge/lint out/lint/linters/permission-linter/permission-linter.js). Jira
// platform gets the repository's trimmed copy (openapi/, from `npm run openapi:trim`); the products the app
// never calls get an empty document. test/contract/openapi-coverage.test.ts keeps the copy complete, since
// the linter requires no scope at all for a path its document lacks.
//
// @forge/lint is an optional dependency: its keytar dependency builds natively and needs libsecret's headers,
// so an install without them drops it rather than failing. Then this prints one line and exits 0 — except
// under CI=true, where a linter that did not run is a failure.
// Prints one line per problem, then `forge-lint: N errors, M warnings in K source files`.
// Exit status: 0 no errors, 1 errors found (or, under CI, the linter missing), 2 the linter could not run.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const openapi = join(root, 'openapi');
const empty = join(openapi, 'empty.json');
Object.assign(process.env, {
  USE_LOCAL_SWAGGER: '1',
  LOCAL_JIRA_SWAGGER: join(openapi, 'jira-platform.trimmed.json'),
  LOCAL_JSW_SWAGGER: empty, // Jira Software (/rest/agile): not called
  LOCAL_JSM_SWAGGER: empty,
  LOCAL_CONF_SWAGGER: empty,
  LOCAL_CONF_V2_SWAGGER: empty,
  LOCAL_BB_SWAGGER: empty,
});

const require = createRequire(join(root, 'package.json'));
let installed = true;
try {
  require.resolve('@forge/lint');
} catch {
  installed = false;
}
if (!installed) {
  if (process.env.CI === 'true') {
    console.error(
      'forge-lint: @forge/lint is not installed, so the Forge linter cannot run (CI requires it).',
    );
    process.exit(1);
  }
  console.log(
    'forge-lint: skipped — @forge/lint is not installed (optional: its keytar needs libsecret-1-dev to build).',
  );
  process.exit(0);
}
let lint, problemCount, YAML, listTSConfigIncludeExclude, FileSystemReader;
try {
  ({ lint, problemCount } = require('@forge/lint'));
  YAML = require('yaml');
  // The linter's own helper (a dependency of @forge/lint), for the same reading of tsconfig.json.
  ({ listTSConfigIncludeExclude, FileSystemReader } = createRequire(require.resolve('@forge/lint'))(
    '@forge/cli-shared',
  ));
} catch (error) {
  console.error(`forge-lint: @forge/lint is installed but does not load: ${error?.message ?? String(error)}`);
  process.exit(2);
}

/** Source files the linter reads: backend and Custom UI sources, never dependencies, builds or tests. */
function sources(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || ['node_modules', 'dist', 'build', 'coverage'].includes(entry.name))
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (
      /\.[cm]?[jt]sx?$/.test(entry.name) &&
      !/\.d\.ts$/.test(entry.name) &&
      !/\.(test|spec)\./.test(entry.name)
    )
      out.push(relative(root, path));
  }
  return out;
}

process.chdir(root); // the linter reads the files by these relative paths
const manifest = YAML.parse(readFileSync('manifest.yml', 'utf8'));
const featureFlags = new Proxy({}, { get: () => () => Promise.resolve(false) }); // every flag off
const quiet = { info() {}, debug() {}, warn() {}, error() {}, trace() {} };
const candidates = [...sources(join(root, 'src')), ...sources(join(root, 'static'))];

// The linter parses a .ts/.tsx file only when tsconfig.json's `include` globs, expanded literally, list it
// (@forge/lint out/lint/lint.js): a bare folder such as "src" matches no file, and every scope check would
// pass vacuously. So count what it really reads, and refuse to report success when it skips the Jira client.
const tsconfig = await listTSConfigIncludeExclude(new FileSystemReader());
const included = new Set(tsconfig.include);
const excluded = new Set(tsconfig.exclude);
const reads = (file) =>
  !/\.tsx?$/.test(file) ||
  (included.size === 0 && excluded.size === 0) ||
  (included.has(join(root, file)) && !excluded.has(join(root, file)));
const files = candidates.filter(reads);
if (!files.includes(join('src', 'jira', 'client.ts'))) {
  console.error(
    'forge-lint: the linter would not read src/jira/client.ts: tsconfig.json must `include` it by a glob ' +
      '(e.g. "src/**/*"), since @forge/lint matches include entries against file paths literally.',
  );
  process.exit(2);
}

try {
  const results = await lint(files, manifest, 'development', quiet, featureFlags, {
    linter: { mode: 'client-side' },
  });
  for (const result of results) {
    for (const kind of ['errors', 'warnings']) {
      for (const problem of result[kind]) {
        const where = `${result.file || 'manifest.yml'}:${problem.line}:${problem.column}`;
        console.log(`${kind.slice(0, -1)} ${where} ${problem.message}`);
      }
    }
  }
  const count = problemCount(results);
  const skipped = candidates.length - files.length;
  console.log(
    `forge-lint: ${count.errors} errors, ${count.warnings} warnings in ${files.length} source files` +
      (skipped > 0 ? ` (${skipped} outside tsconfig.json not read: Custom UI, sandbox browser code)` : ''),
  );
  process.exit(count.errors ? 1 : 0);
} catch (error) {
  console.error(
    `forge-lint: the linter could not run: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(2);
}
