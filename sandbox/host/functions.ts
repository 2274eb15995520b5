// Runs the app's functions the way Forge does: the handler named in manifest.yml (`file.export`, relative to
// src/), loaded on first use, called with Forge's arguments inside one invocation (so every SDK call it makes
// is answered by this host, as this module and this user). Keeps a short log of recent invocations for the
// shell and for tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppManifest } from './manifest';
import {
  newInvocationId,
  runInvocation,
  type AppIdentity,
  type InvocationBackend,
  type InvocationSignals,
} from './runtime';

export type ModuleLoader = (file: string) => Promise<Record<string, unknown>>;

/** Imports `src/<file>` as TypeScript source (the host runs under tsx or vitest). */
export function sourceLoader(srcDir: string): ModuleLoader {
  return async (file) => {
    const candidates = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs'].map((ext) => join(srcDir, file + ext));
    const found = candidates.find((p) => existsSync(p));
    if (!found) throw new Error(`No source file for handler module ${file} under ${srcDir}`);
    return (await import(pathToFileURL(found).href)) as Record<string, unknown>;
  };
}

export type InvocationKind = 'resolver' | 'trigger' | 'consumer' | 'scheduled' | 'dynamicProperties';

export interface InvocationRecord {
  id: string;
  kind: InvocationKind;
  functionKey: string;
  moduleKey: string;
  /** Resolver key, event type, queue name or schedule key. */
  detail: string;
  accountId: string | null;
  startedAt: string;
  ms: number;
  ok: boolean;
  error: string | null;
}

export interface CallMeta {
  kind: InvocationKind;
  moduleKey: string;
  moduleType: string;
  detail: string;
  accountId?: string;
  timeoutMs: number;
  /** Filled in while the function runs (e.g. an `asUser()` call refused for want of consent). */
  signals?: InvocationSignals;
}

type Handler = (...args: unknown[]) => unknown;

/** A function ran past its time limit (Forge stops it; the queue retries it as FUNCTION_TIME_OUT). */
export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

const LOG_SIZE = 200;

export class FunctionHost {
  private readonly handlers = new Map<string, Promise<Handler>>();
  private readonly log: InvocationRecord[] = [];

  constructor(
    private readonly manifest: AppManifest,
    private readonly load: ModuleLoader,
    private readonly backend: InvocationBackend,
    readonly app: AppIdentity,
  ) {}

  recent(): InvocationRecord[] {
    return [...this.log];
  }

  /** Calls a manifest function with Forge's arguments; rejects with the handler's error or on timeout. */
  async call(functionKey: string, args: unknown[], meta: CallMeta): Promise<unknown> {
    const handler = await this.handler(functionKey);
    const invocationId = newInvocationId();
    const started = Date.now();
    const record: InvocationRecord = {
      id: invocationId,
      kind: meta.kind,
      functionKey,
      moduleKey: meta.moduleKey,
      detail: meta.detail,
      accountId: meta.accountId ?? null,
      startedAt: new Date(started).toISOString(),
      ms: 0,
      ok: false,
      error: null,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const run = runInvocation(
        {
          backend: this.backend,
          app: this.app,
          invocationId,
          functionKey,
          moduleKey: meta.moduleKey,
          moduleType: meta.moduleType,
          accountId: meta.accountId,
          deadline: started + meta.timeoutMs,
          ...(meta.signals ? { signals: meta.signals } : {}),
        },
        async () => await handler(...args),
      );
      // Forge stops a function at its time limit; the host cannot stop it, but answers the caller the same way.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new FunctionTimeoutError(
                `${functionKey} ran longer than Forge's ${meta.timeoutMs / 1000} s limit`,
              ),
            ),
          meta.timeoutMs,
        );
        timer.unref();
      });
      const result = await Promise.race([run, timeout]);
      record.ok = true;
      return result;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      clearTimeout(timer);
      record.ms = Date.now() - started;
      this.log.push(record);
      if (this.log.length > LOG_SIZE) this.log.shift();
    }
  }

  private handler(functionKey: string): Promise<Handler> {
    let pending = this.handlers.get(functionKey);
    if (!pending) {
      pending = this.resolveHandler(functionKey);
      this.handlers.set(functionKey, pending);
      // A failed load (e.g. a syntax error being fixed) is retried on the next call.
      pending.catch(() => this.handlers.delete(functionKey));
    }
    return pending;
  }

  private async resolveHandler(functionKey: string): Promise<Handler> {
    const def = this.manifest.functions.get(functionKey);
    if (!def) throw new Error(`manifest.yml declares no function ${functionKey}`);
    const mod = await this.load(def.file);
    const handler = mod[def.exportName];
    if (typeof handler !== 'function') {
      throw new Error(`${def.file}.${def.exportName} (function ${functionKey}) is not an exported function`);
    }
    return handler as Handler;
  }
}
