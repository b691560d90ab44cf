// The daily reminder and the icon's badge: the service worker woken as Chromium wakes an
// installed app (a periodic sync, dispatched through the DevTools protocol), the setting itself.
import { expect, test, type Page } from '@playwright/test';
import { answer, openHome, setStudyNumber, startStudy } from './helpers';

async function controlled(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

const reminderSwitch = (page: Page) => page.getByRole('switch', { name: 'Daily reminder' });

/** Turns the reminder on at 00:00, so that it is due whatever the time the test runs at. */
async function turnReminderOn(page: Page): Promise<void> {
	await page.goto('/settings');
	// Shown as stored: the switch turns on once the setting is saved, not at the tap.
	await reminderSwitch(page).click();
	await expect(reminderSwitch(page)).toBeChecked();
	await page.getByLabel('Remind me at').fill('00:00');
	await expect(page.getByRole('region', { name: 'Reminder' }).getByRole('status')).toHaveText('Saved');
}

/** Wakes the worker as Chromium's Periodic Background Sync does. */
async function periodicSync(page: Page): Promise<void> {
	const devtools = await page.context().newCDPSession(page);
	const registered = new Promise<string>((resolve) => {
		devtools.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const found = registrations.find((registration) => !registration.isDeleted);
			if (found) resolve(found.registrationId);
		});
	});
	await devtools.send('ServiceWorker.enable');
	const registrationId = await registered;
	await devtools.send('ServiceWorker.dispatchPeriodicSyncEvent', {
		origin: new URL(page.url()).origin,
		registrationId,
		tag: 'daily-reminder'
	});
	await devtools.detach();
}

/** Waits until the worker has looked (Settings says when it last did). */
async function workerLooked(page: Page): Promise<void> {
	await expect(async () => {
		await page.goto('/settings');
		await expect(page.getByText(/The app last looked for waiting cards/)).toBeVisible({ timeout: 500 });
	}).toPass({ timeout: 10_000 });
}

const notifications = (page: Page) =>
	page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((shown) => shown.title));

test('the periodic sync shows how many cards wait, once', async ({ page, context }) => {
	await context.grantPermissions(['notifications']);
	await openHome(page);
	await controlled(page);
	await startStudy(page);
	await answer(page, 'Again');
	await turnReminderOn(page);

	await periodicSync(page);
	await workerLooked(page);
	// 12 new cards (the reverses of list items wait for their siblings' next day), and the card
	// answered Again comes back today.
	expect(await notifications(page)).toEqual(['13 cards waiting: 1 review, 12 new']);
	await expect(page.getByText('it showed “13 cards waiting: 1 review, 12 new”.')).toBeVisible();

	// Woken again the same day: it looks (and sets the badge) but reminds no more.
	await periodicSync(page);
	await expect(async () => {
		await page.goto('/settings');
		await expect(page.getByText(/no reminder was due/)).toBeVisible({ timeout: 500 });
	}).toPass({ timeout: 10_000 });
	expect(await notifications(page)).toEqual(['13 cards waiting: 1 review, 12 new']);
});

test('the periodic sync shows nothing when nothing is due', async ({ page, context }) => {
	await context.grantPermissions(['notifications']);
	await openHome(page);
	await controlled(page);
	await setStudyNumber(page, 'New cards per day', 0);
	await turnReminderOn(page);

	await periodicSync(page);
	await workerLooked(page);
	await expect(page.getByText(/no reminder was due/)).toBeVisible();
	expect(await notifications(page)).toEqual([]);
});

test('the reminder stays off when notifications are refused, and asks only when turned on', async ({ page }) => {
	await page.addInitScript(() => {
		const asked: string[] = [];
		Object.assign(window, { asked });
		Notification.requestPermission = async () => {
			asked.push('notifications');
			return 'denied';
		};
	});
	await page.goto('/settings');
	await expect(reminderSwitch(page)).not.toBeChecked();
	await page.getByLabel('Remind me at').fill('07:30');
	await expect(page.getByRole('region', { name: 'Reminder' }).getByRole('status')).toHaveText('Saved');
	expect(await page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([]);
	await reminderSwitch(page).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Notifications are blocked' })).toBeVisible();
	await expect(reminderSwitch(page)).not.toBeChecked();
	expect(await page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual(['notifications']);
});

test('the reminder setting survives a reload, and says what a browser tab cannot do', async ({ page, context }) => {
	await context.grantPermissions(['notifications']);
	await page.goto('/settings');
	await expect(reminderSwitch(page)).not.toBeChecked();
	// Shown as stored: the switch turns on once the setting is saved, not at the tap.
	await reminderSwitch(page).click();
	await expect(reminderSwitch(page)).toBeChecked();
	await page.getByLabel('Remind me at').fill('18:45');
	await expect(page.getByRole('region', { name: 'Reminder' }).getByRole('status')).toHaveText('Saved');
	await page.reload();
	await expect(reminderSwitch(page)).toBeChecked();
	await expect(page.getByLabel('Remind me at')).toHaveValue('18:45');
	// A test browser is a tab, not an installed app.
	await expect(page.getByText('A browser tab cannot wake the app at a set time.')).toBeVisible();
});

test('the icon shows the due count, after each answer, and is cleared when nothing is due', async ({ page }) => {
	await page.addInitScript(() => {
		const badge: (number | 'cleared')[] = [];
		Object.assign(window, { badge });
		Object.assign(navigator, {
			setAppBadge: async (count?: number) => void badge.push(count ?? 0),
			clearAppBadge: async () => void badge.push('cleared')
		});
	});
	const badge = () => page.evaluate(() => (window as unknown as { badge: (number | 'cleared')[] }).badge);
	await setStudyNumber(page, 'New cards per day', 2);
	// On opening: the two new cards of today.
	await openHome(page);
	await expect.poll(badge).toEqual([2]);
	await startStudy(page);
	await answer(page, 'Good');
	await expect.poll(badge).toEqual([2, 1]);
	await answer(page, 'Good');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	await expect.poll(badge).toEqual([2, 1, 'cleared']);
});
