// `npm run bench`: the gap engine in memory (10k / 100k issues), a scan over HTTP (1k / 10k / 50k), then the
// ownership requests (issue context header and section, assignments).
// Prints figures only; speed and memory goals are read from here, never asserted by tests.
import { runAlignmentPageBench } from './alignment-page';
import { runAssignCliBench } from './assign-cli';
import { runBulkPageBench } from './bulk-page';
import { runEngineBench } from './engine';
import { runNotifyBench } from './notify';
import { runOwnershipBench } from './ownership';
import { runScanBench } from './scan';
import { runScanJobBench } from './scan-job';

async function main(): Promise<void> {
  // BENCH_ONLY=ownership runs just the ownership figures (seconds, not minutes); BENCH_ONLY=scan just the scan.
  if (process.env.BENCH_ONLY === 'ownership') return runOwnershipBench();
  if (process.env.BENCH_ONLY === 'assign') return runAssignCliBench();
  if (process.env.BENCH_ONLY === 'scan') return runScanBench();
  if (process.env.BENCH_ONLY === 'job') return runScanJobBench();
  if (process.env.BENCH_ONLY === 'page') return runAlignmentPageBench();
  if (process.env.BENCH_ONLY === 'bulk') return runBulkPageBench();
  if (process.env.BENCH_ONLY === 'notify') return runNotifyBench();
  await runEngineBench();
  await runScanBench();
  await runScanJobBench();
  await runAlignmentPageBench();
  await runOwnershipBench();
  await runBulkPageBench();
  await runAssignCliBench();
  await runNotifyBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
