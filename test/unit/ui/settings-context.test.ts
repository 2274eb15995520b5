// The settings page is routed like the other modules: by Jira's extension type, or by the manifest key.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContext } from '../../../static/src/forge-context';

describe('the settings page in the Forge context', () => {
  it('is routed from jira:projectSettingsPage', () => {
    expect(readContext({ extension: { type: 'jira:projectSettingsPage' } }).module).toBe('settings-page');
  });

  it('is routed from the manifest key when the host leaves the type out', () => {
    const manifest = readFileSync(join(import.meta.dirname, '../../../manifest.yml'), 'utf8');
    const key = /jira:projectSettingsPage:\s*\n\s*- key: ([\w-]+)/.exec(manifest)?.[1];
    expect(key).toBe('role-split-settings-page');
    expect(readContext({ moduleKey: key, extension: {} }).module).toBe('settings-page');
  });

  it('is never taken for the full view of an issue', () => {
    const context = { extension: { type: 'jira:projectSettingsPage', modal: { view: 'full' } } };
    expect(readContext(context).module).toBe('settings-page');
  });
});
