// Checks any journey may make of the screen it is on: axe's serious findings, and nothing past a phone's edge.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** axe's serious and critical violations on the page, each with where it is. */
export async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Elements whose box reaches past the right edge of the screen (none may). */
export async function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const out: string[] = [];
		for (const element of document.body.querySelectorAll('*')) {
			const box = element.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue;
			if (element.closest('.visually-hidden')) continue;
			if (box.right > width + 0.5 || box.left < -0.5)
				out.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
		}
		if (document.documentElement.scrollWidth > width) out.push(`page scrolls to ${document.documentElement.scrollWidth}`);
		return out;
	});
}

/**
 * Controls (links, buttons, fields) closer than 4 px to the screen's left or right edge: hard to
 * read and to tap there, and on a phone with rounded corners partly out of sight.
 */
export async function atTheEdge(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const out: string[] = [];
		for (const element of document.body.querySelectorAll('a, button, input, select, textarea, summary')) {
			const box = element.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || element.closest('.visually-hidden')) continue;
			if (box.left < 4 || box.right > width - 4)
				out.push(
					`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.left)}..${Math.round(box.right)}`
				);
		}
		return out;
	});
}

/** Both width checks of a screen at once: what reaches past an edge, and the controls too close to one. */
export async function widthProblems(page: Page): Promise<{ overflowing: string[]; atTheEdge: string[] }> {
	return { overflowing: await overflowing(page), atTheEdge: await atTheEdge(page) };
}

/** How many lines of text the element takes: its height in its own line heights. */
export function lineCount(locator: Locator): Promise<number> {
	return locator.evaluate((element) =>
		Math.round(element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight))
	);
}
