// `npm run bench`: the gap engine in memory (10k / 100k issues), then a scan over HTTP (1k / 10k / 50k).
// Prints figures only; speed and memory goals are read from here, never asserted by tests.
import { runEngineBench } from './engine';
import { runScanBench } from './scan';

async function main(): Promise<void> {
  await runEngineBench();
  await runScanBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
