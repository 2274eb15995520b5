// An in-memory KeyValueStore (the app's storage port) for fast use-case tests and the bench: the same
// semantics the Forge adapter gives (create fails on an existing key, swap returns the previous value).
import type { KeyValueStore } from '../../src/app/ports';

export class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();

  get<T>(key: string): Promise<T | undefined> {
    return Promise.resolve(structuredClone(this.values.get(key)) as T | undefined);
  }
  set(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
  create(key: string, value: unknown): Promise<boolean> {
    if (this.values.has(key)) return Promise.resolve(false);
    this.values.set(key, structuredClone(value));
    return Promise.resolve(true);
  }
  swap<T>(key: string, value: unknown): Promise<T | undefined> {
    const previous = this.values.get(key) as T | undefined;
    this.values.set(key, structuredClone(value));
    return Promise.resolve(previous);
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
  list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    return Promise.resolve(
      [...this.values]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => ({ key, value: structuredClone(value) as T })),
    );
  }
}
