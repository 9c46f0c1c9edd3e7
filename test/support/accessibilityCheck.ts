import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AccessibilityReport {
  /** One line per violated rule: its id, what it wants, and the elements that break it. */
  violations: string[];
  /** How many rules passed, so a check that looked at nothing cannot pass unnoticed. */
  passedRules: number;
}

/**
 * Runs axe-core's WCAG 2.1 A and AA rules over the page as it is now. The source is evaluated
 * through the DevTools protocol, which a page's Content-Security-Policy does not govern, so the
 * page is checked under its real policy, with its own script having run.
 */
export async function checkAccessibility(page: Page): Promise<AccessibilityReport> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const options = JSON.stringify({ runOnly: { type: 'tag', values: WCAG_21_AA_TAGS }, resultTypes: ['violations'] });
  return page.evaluate(`axe.run(document, ${options}).then(function (results) {
    return {
      violations: results.violations.map(function (rule) {
        return rule.id + ': ' + rule.help + ' (' + rule.nodes.map(function (node) { return node.target.join(' '); }).join(', ') + ')';
      }),
      passedRules: results.passes.length,
    };
  })`);
}
