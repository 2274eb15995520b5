// A JSON document kept in one file, written atomically (temp file + rename) so a crash or Ctrl-C never
// leaves half a file behind. Writes are coalesced: callers mark the document changed and await `save()`;
// while one write is on disk the next waits, and every caller that changed the document before a write
// started is released when that write lands. `path: null` keeps everything in memory (tests, CI).
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export class JsonFile<T> {
  private writing: Promise<void> | null = null;
  private dirty = false;
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

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

  /** Writes synchronously: for shutdown paths that cannot await. */
  saveNow(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.snapshot()));
    renameSync(tmp, this.path);
  }

  private async drain(): Promise<void> {
    const path = this.path as string;
    mkdirSync(dirname(path), { recursive: true });
    while (this.dirty) {
      this.dirty = false;
      const released = this.waiters;
      this.waiters = [];
      try {
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(this.snapshot()));
        await rename(tmp, path);
        released.forEach((w) => w.resolve());
      } catch (error) {
        released.forEach((w) => w.reject(error));
      }
    }
    this.writing = null;
  }
}
