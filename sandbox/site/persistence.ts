// Keeps the site's snapshot in `<dataDir>/site.json`. Writes are atomic (a temp file in the same folder, then
// rename), so Ctrl-C in the middle of a write never leaves half a file, and coalesced: a burst of mutations
// becomes one write shortly after, and `flush()` (called by close and reset) waits until the latest state is
// on disk.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { snapshotSchema, type SiteSnapshot } from './model';

const FILE_NAME = 'site.json';
/** Mutations within this window share one write. */
const COALESCE_MS = 50;

export class SnapshotStore {
  private readonly path: string;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private tempCounter = 0;

  constructor(
    private readonly dataDir: string,
    private readonly snapshot: () => SiteSnapshot,
  ) {
    this.path = join(dataDir, FILE_NAME);
  }

  /** The stored snapshot, or undefined when the folder holds none yet. Throws on a damaged file. */
  load(): SiteSnapshot | undefined {
    if (!existsSync(this.path)) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new Error(
        `The sandbox site data in ${this.path} is not valid JSON (${String(error)}). Delete it to start from the demo data.`,
      );
    }
    const parsed = snapshotSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `The sandbox site data in ${this.path} does not have the expected shape: ${parsed.error.message.slice(0, 500)}. Delete it to start from the demo data.`,
      );
    }
    return parsed.data;
  }

  /** Notes a change; the write happens shortly after. */
  schedule(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.writeIfDirty().catch((error: unknown) =>
        console.error('[sandbox site] could not save:', error),
      );
    }, COALESCE_MS);
  }

  /** Resolves once everything changed so far is on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.dirty = true;
    await this.writeIfDirty();
  }

  private writeIfDirty(): Promise<void> {
    // Writes run one after another: the later one always carries the newer state.
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        const text = JSON.stringify(this.snapshot());
        await mkdir(this.dataDir, { recursive: true });
        const temp = `${this.path}.${process.pid}.${++this.tempCounter}.tmp`;
        await writeFile(temp, text);
        await rename(temp, this.path);
      });
    return this.writing;
  }
}
