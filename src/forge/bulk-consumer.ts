// The bulk assignment queue's consumer (manifest: consumer role-split-bulk-consumer, function bulk-consumer).
// Placeholder until the bulk job lands (issue 11, docs/design/settings-and-bulk.md).
export async function bulkConsumer(event: { body?: unknown }): Promise<void> {
  console.error('Role Split bulk consumer: not available yet', typeof event.body);
  return Promise.resolve();
}
