// Delivers the scan queue's events a Forge test runtime recorded (test/support/forge-runtime.ts records pushes
// instead of delivering them; they reach its record a moment after the push) to the app's consumer, as Forge
// would, until no more arrive.
import { scanConsumer } from '../../src/forge/scan-consumer';
import type { ForgeTestRuntime } from './forge-runtime';

const QUIET_MS = 300;

async function nextPushed(runtime: ForgeTestRuntime) {
  const until = Date.now() + QUIET_MS;
  while (runtime.pushed.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return runtime.pushed.shift();
}

export async function deliverScans(runtime: ForgeTestRuntime, limit = 50): Promise<number> {
  let delivered = 0;
  for (let delivery = await nextPushed(runtime); delivery; delivery = await nextPushed(runtime)) {
    if (delivered >= limit) throw new Error(`more than ${limit} scan deliveries: a run that never ends?`);
    await scanConsumer({ body: delivery.payload });
    delivered += 1;
  }
  return delivered;
}

/** Waits for the pushes a call made to reach the runtime's record. */
export async function settledPushes(runtime: ForgeTestRuntime): Promise<ForgeTestRuntime['pushed']> {
  await new Promise((r) => setTimeout(r, QUIET_MS));
  return runtime.pushed;
}
