// A lozenge made of design tokens (app.css), for the issue context section's first paint: Atlaskit's Lozenge
// brings its tooltip and feature-gate runtime along (about 60 KB gzipped). Same names for the appearances.
import type { LozengeAppearance } from '../../../src/contract';

export function Tag({
  appearance = 'default',
  children,
  testId,
}: {
  appearance?: LozengeAppearance;
  children: string;
  testId?: string;
}) {
  return (
    <span className={`rs-tag rs-tag--${appearance}`} data-testid={testId} data-appearance={appearance}>
      {children}
    </span>
  );
}
