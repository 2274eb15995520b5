// manifest.yml against the official schema shipped in @forge/manifest, plus the cross-references the schema
// cannot see: every module's function and resource exists, and every handler is exported by src/index.ts.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { expectSaying } from '../support/jest-helpers';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const schema = require('@forge/manifest/schema.json') as object;

interface Manifest {
  modules: Record<
    string,
    Array<{ key: string; resource?: string; function?: string; resolver?: { function: string } }>
  >;
  resources?: Array<{ key: string; path: string }>;
  app: { id: string; runtime: { name: string } };
  permissions?: { scopes?: string[] };
}

const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('conforms to the official Forge manifest schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expectSaying(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('targets the current Node.js runtime and carries a placeholder app id', () => {
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect(manifest.app.id).toMatch(/^ari:cloud:ecosystem::app\//);
  });

  it('points every module at a declared function and resource', () => {
    const functions = new Set((manifest.modules.function ?? []).map((f) => f.key));
    const resources = new Set((manifest.resources ?? []).map((r) => r.key));
    for (const [type, modules] of Object.entries(manifest.modules)) {
      if (type === 'function') continue;
      for (const m of modules) {
        if (m.resolver) expectSaying(functions, `${m.key} resolver`).toContain(m.resolver.function);
        if (m.function) expectSaying(functions, `${m.key} function`).toContain(m.function);
        if (m.resource) expectSaying(resources, `${m.key} resource`).toContain(m.resource);
      }
    }
  });

  it('names handlers that src/index.ts exports', async () => {
    const index = (await import('../../src/index')) as Record<string, unknown>;
    for (const fn of manifest.modules.function ?? []) {
      const handler = (fn as unknown as { handler: string }).handler;
      const [file, exportName] = handler.split('.');
      expect(file).toBe('index');
      expectSaying(typeof index[exportName ?? ''], handler).toBe('function');
    }
  });

  it('indexes the ownership property for JQL as productManager and productOwner', () => {
    const [index] = manifest.modules['jira:entityProperty'] as unknown as Array<{
      propertyKey: string;
      entityType: string;
      values: Array<{ path: string; type: string; searchAlias: string }>;
    }>;
    expect(index?.propertyKey).toBe('role-split-ownership');
    expect(index?.entityType).toBe('issue');
    expect(index?.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pm.accountId', type: 'user', searchAlias: 'productManager' }),
        expect.objectContaining({ path: 'po.accountId', type: 'user', searchAlias: 'productOwner' }),
      ]),
    );
  });
});
