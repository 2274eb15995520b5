// The `role-split` process: binds runCli to argv, the environment and the standard streams, and exits with
// its status. scripts/build.mjs bundles this file into dist/cli.cjs, which bin/role-split.cjs loads.
import { runCli } from './run';

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => {
    // Resolve on error too: a closed pipe (`| head`) must not turn a finished audit into a crash.
    process.stdout.write(text, () => resolve());
  });
}

process.stdout.on('error', () => {
  // EPIPE when the reader went away; the exit status still tells the story.
});

runCli(process.argv.slice(2), {
  env: process.env,
  writeStdout,
  writeStderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
}).then(
  (code) => process.exit(code),
  () => process.exit(2),
);
