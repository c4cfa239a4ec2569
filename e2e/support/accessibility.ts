import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA, as axe tags its rules. */
const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The impacts that fail the check: what stops or seriously hinders someone. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

const NODES_SHOWN = 5;

/**
 * Waits until the page shows its content rather than a placeholder: a level-1 heading (the
 * console's frame shows none while it loads or redirects), no region marked busy, no pulsing
 * skeleton (both apps' `Skeleton`s pulse; the only other pulsing thing is an icon, hence not
 * `svg`), and no transition half-way (a fading table would be measured in mid-fade).
 */
export async function waitForContent(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.locator('.animate-pulse:not(svg)')).toHaveCount(0);
  await animationsFinished(page);
}

/** Waits for every transition under way to end (a fading dialog would be measured mid-fade). */
async function animationsFinished(page: Page): Promise<void> {
  // A string: the e2e package is compiled without DOM types.
  await page.evaluate(`Promise.all(
    document.getAnimations()
      .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
      .map((animation) => animation.finished.catch(() => undefined)),
  )`);
}

/**
 * Checks the page as it stands, a dialog or a panel open on it included: the every-page check
 * sees each page only as it loads, never what opens on it.
 */
export async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  await animationsFinished(page);
  expect(await seriousViolations(page), `serious or critical violations with ${what}`).toEqual([]);
}

/**
 * The serious and critical WCAG A/AA violations of the page as it stands, one line each: rule,
 * what it asks for, and where.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe once in the page; the default runs it per frame and then finishes in a
  // new blank page, which costs about 300 ms more per check. Neither app has frames, so the
  // findings are the same.
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_A_AA)
    .setLegacyMode()
    .analyze();
  return violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => {
      const targets = violation.nodes.map((node) =>
        node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' '),
      );
      const more = targets.length > NODES_SHOWN ? ` and ${targets.length - NODES_SHOWN} more` : '';
      return `${violation.id} (${violation.impact}): ${violation.help} — ${targets
        .slice(0, NODES_SHOWN)
        .join(', ')}${more}`;
    });
}
