// A JSON document kept in one file, written atomically (temp file + rename) so a crash or Ctrl-C never
// leaves half a file behind. Writes are coalesced: callers mark the document changed and await `save()`;
// while one write is on disk the next waits, and every caller that changed the document before a write
// started is released when that write lands. `path: null` keeps everything in memory (tests, CI).
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export class JsonFile<T> {
  private writing: Promise<void> | null = null;
  private dirty = false;
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  /** Every write takes a snapshot with a new generation; `landed` is the newest generation on disk. */
  private generation = 0;
  private landed = 0;

  constructor(
    private readonly path: string | null,
    private readonly snapshot: () => T,
  ) {}

  /** The stored document, or undefined when there is none yet (or no file is used). */
  static read(path: string | null): unknown {
    if (!path || !existsSync(path)) return undefined;
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  }

  /** Resolves once the document as it is now is on disk. */
  save(): Promise<void> {
    if (!this.path) return Promise.resolve();
    this.dirty = true;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.writing) this.writing = this.drain();
    return done;
  }

  /** Resolves once no asynchronous write is on its way (for shutdown: nothing lands after it). */
  whenWritten(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }

  /** Writes synchronously: for shutdown paths that cannot await. */
  saveNow(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const generation = ++this.generation;
    const tmp = `${this.path}.${process.pid}.${generation}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.snapshot()));
    renameSync(tmp, this.path);
    this.landed = generation;
  }

  private async drain(): Promise<void> {
    const path = this.path as string;
    mkdirSync(dirname(path), { recursive: true });
    while (this.dirty) {
      this.dirty = false;
      const released = this.waiters;
      this.waiters = [];
      // Each write has its own temp file, and an older snapshot never replaces a newer one: a synchronous
      // `saveNow()` on shutdown may land while this asynchronous write is still on its way.
      const generation = ++this.generation;
      const tmp = `${path}.${process.pid}.${generation}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify(this.snapshot()));
        if (generation > this.landed) {
          await rename(tmp, path);
          this.landed = generation;
        } else {
          await rm(tmp, { force: true });
        }
        released.forEach((w) => w.resolve());
      } catch (error) {
        // Superseded by a newer snapshot already on disk (e.g. the folder went away after shutdown): the
        // callers' changes are saved, so this failure is not theirs.
        if (generation <= this.landed) released.forEach((w) => w.resolve());
        else released.forEach((w) => w.reject(error));
      }
    }
    this.writing = null;
  }
}
