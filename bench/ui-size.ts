// The issue context section's first-paint JavaScript, from Vite's build manifest (static/build/.vite/
// manifest.json): every chunk the browser must run before the section shows content, gzipped. That is the
// entry (index.html's script) with its static imports, then the lazy chunk on the section's path (the app
// shell, app.tsx, which holds the section) with its static imports. The picker, the full view and the
// alignment page are lazy and not counted: they load when asked for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

/** Manifest keys on the section's path; app.tsx imports the section statically (its chunk's imports). */
export const CONTEXT_PATH = ['index.html', 'src/app.tsx'] as const;

export interface FirstPaint {
  files: Array<{ file: string; gzipBytes: number }>;
  gzipBytes: number;
}

export function contextFirstPaint(buildDir: string): FirstPaint {
  const manifest = JSON.parse(readFileSync(join(buildDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no ${key}: rebuild with npm run build`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of CONTEXT_PATH) visit(key);
  const files = [...seen]
    .map((key) => manifest[key]?.file ?? '')
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(buildDir, file)), { level: 9 }).length }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
