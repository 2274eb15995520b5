// axe-core in a page or frame, shared by the browser tests (test/unit/ui/*.browser.test.ts) and the e2e tests:
// WCAG 2.x A/AA rules, only the serious and critical findings (what the standard asks to be clean).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core inside `target` and returns its serious and critical findings; `scope` (a CSS selector)
 * limits the run to that part of the page. The source is evaluated through the DevTools protocol: a <script>
 * tag would be refused by the app's content security policy, which allows no inline script.
 */
export async function seriousAxeFindings(target: Page | Frame, scope?: string): Promise<AxeFinding[]> {
  await target.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  return target.evaluate(async (selector) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: string[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(selector === null ? document : { include: [[selector]] }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  }, scope ?? null);
}
