#!/usr/bin/env node
// Launcher for the `role-split` command: the CLI itself is the esbuild bundle dist/cli.cjs (npm run build).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'role-split: the CLI is not built yet: run `npm run build` in the role-split package, then try again.\n',
  );
  process.exit(2);
}
require(bundle);
