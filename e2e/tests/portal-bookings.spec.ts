import { type Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../support/accessibility';
import {
  adminTrpc,
  appErrors,
  customerIdByEmail,
  operators,
  signInToAdmin,
  uniqueText,
} from '../support/admin';
import { grantIdOf } from '../support/api';
import { banner, PortalApi, signInToPortal, stepShots } from '../support/portal';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

interface Offer {
  today: string;
  lastDay: string;
  resources: Array<{ id: number; name: string }>;
}

/** `day` moved by `days` calendar days (`YYYY-MM-DD`). */
function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * An hour of `resource` on `day` that nobody has booked, as bob sees it: tests and their retries
 * share one database, so the slot is looked up rather than assumed.
 */
async function freeHour(api: PortalApi, resourceId: number, day: string) {
  const { taken } = await api.query<{ taken: Array<{ from: string; to: string }> }>(
    'bookings.availability',
    { resourceId, day },
  );
  for (let hour = 8; hour < 21; hour++) {
    const from = `${String(hour).padStart(2, '0')}:00`;
    const to = `${String(hour + 1).padStart(2, '0')}:00`;
    if (taken.every((slot) => slot.to <= from || slot.from >= to)) return { from, to };
  }
  throw new Error(`no free hour on ${day}`);
}

/** Bob's own view of what he can book, and a free hour of a room some weeks ahead. */
async function bobsFreeSlot(resourceName: string, weeksAhead: number) {
  const bob = await PortalApi.signedIn('bob@example.com');
  const offer = await bob.query<Offer>('bookings.resources');
  const resource = offer.resources.find((candidate) => candidate.name === resourceName);
  if (!resource) throw new Error(`${resourceName} is not bookable for bob`);
  const day = addDays(offer.today, weeksAhead * 7);
  return { bob, resource, day, ...(await freeHour(bob, resource.id, day)) };
}

/**
 * Dana opens bob's portal in this page as the admin app hands it over (the one-time token in
 * the URL fragment), read-only unless `full`; returns the grant's id.
 */
async function viewBobAsDana(page: Page, mode: 'read-only' | 'full', reason: string) {
  await signInToAdmin(page, operators.downtownAdmin.email);
  const { token } = await adminTrpc<{ token: string }>(page.request, 'impersonation.start', {
    coworkerId: await customerIdByEmail(page, 'bob@example.com'),
    mode,
    reason: uniqueText(reason),
  });
  await page.goto(`${PORTAL_URL}/impersonate#token=${token}`);
  await expect(page).toHaveURL(`${PORTAL_URL}/`);
  return grantIdOf(token);
}

const endView = (page: Page, impersonationId: string) =>
  adminTrpc(page.request, 'impersonation.revoke', { impersonationId });

const upcomingList = (page: Page) => page.getByRole('list', { name: 'Upcoming bookings' });
const rowOf = (page: Page, bookingId: number) =>
  upcomingList(page)
    .getByRole('listitem')
    .filter({ has: page.locator(`a[href="/bookings/${bookingId}"]`) });

test('a member books a meeting room, sees it listed, and cancels it', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('bookings-member');
  const { bob, resource, day, from, to } = await bobsFreeSlot('Meeting room Kew', 3);
  await bob.dispose();

  await signInToPortal(page, 'bob@example.com');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Bookings' })
    .click();
  await expect(page).toHaveURL(`${PORTAL_URL}/bookings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bookings' })).toBeVisible();
  // The seeded room tomorrow, on London's clocks with the zone named.
  await expect(upcomingList(page)).toContainText('Meeting room Kew');
  await expect(upcomingList(page)).toContainText('10:00–11:00');
  await expect(upcomingList(page)).toContainText('(Europe/London)');
  await shot(page, 'bookings');

  await page.getByRole('link', { name: 'Book a space' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}/bookings/new`);
  await page.getByLabel('What', { exact: true }).selectOption(String(resource.id));
  await page.getByLabel('Day', { exact: true }).fill(day);
  // Times the wrong way round: the server's answer appears beside the field it names.
  await page.getByLabel('From', { exact: true }).selectOption(to);
  await page.getByLabel('To', { exact: true }).selectOption(from);
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  const end = page.getByLabel('To', { exact: true });
  await expect(end).toHaveAccessibleDescription('The end must be after the start.');
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await expect(end).toBeFocused();
  await shot(page, 'form-error');

  await page.getByLabel('From', { exact: true }).selectOption(from);
  await end.selectOption(to);
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${PORTAL_URL}/bookings/\\d+$`));
  const bookingId = Number(page.url().split('/').at(-1));
  await expect(page.getByRole('heading', { level: 1, name: 'Meeting room Kew' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Booking history' })).toContainText(
    'Booked by Bob Brown',
  );
  await expect(page.getByText('£25.00')).toBeVisible();
  await shot(page, 'booked');

  await page.getByRole('link', { name: 'Bookings', exact: true }).first().click();
  const row = rowOf(page, bookingId);
  await expect(row).toContainText(`${from}–${to}`);
  await row.getByRole('button', { name: /^Cancel booking: Meeting room Kew/ }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Cancel this booking?' });
  await expect(dialog).toContainText(`${from}–${to}`);
  await expectNoSeriousViolations(page, 'the cancel dialog open');
  await dialog.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Cancelled');
  await expect(row.getByRole('button')).toHaveCount(0);
  await shot(page, 'cancelled');
  expect(appErrors(consoleErrors)).toEqual([]);
});

test('an operator viewing read-only sees the bookings; booking and cancelling are disabled with the reason', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('bookings-read-only');
  const view = await viewBobAsDana(page, 'read-only', 'Checking Bob’s bookings');
  await expect(banner(page)).toContainText('Read-only');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Bookings' })
    .click();
  await expect(upcomingList(page)).toContainText('Meeting room Kew');

  const reason = page.getByText('Read-only view');
  await expect(reason).toBeVisible();
  const book = page.getByRole('button', { name: 'Book a space' });
  await expect(book).toBeDisabled();
  await expect(book).toHaveAccessibleDescription(/read-only impersonation/);
  const cancel = upcomingList(page)
    .getByRole('button', { name: /^Cancel booking: Meeting room Kew/ })
    .first();
  await expect(cancel).toBeDisabled();
  await expect(cancel).toHaveAccessibleDescription(/changes are not allowed/);
  await shot(page, 'bookings-read-only');

  await page.goto(`${PORTAL_URL}/bookings/new`);
  await expect(page.getByRole('button', { name: 'Book', exact: true })).toBeDisabled();
  await expect(page.getByLabel('What', { exact: true })).toBeDisabled();
  await expect(page.getByText('Read-only view')).toBeVisible();
  await shot(page, 'form-read-only');
  expect(appErrors(consoleErrors)).toEqual([]);
  await endView(page, view);
});

test('in a full-access view the operator cancels a booking, and its history names them', async ({
  page,
  consoleErrors,
}) => {
  const shot = stepShots('bookings-full-access');
  const { bob, resource, day, from, to } = await bobsFreeSlot('Meeting room Soho', 5);
  const { bookingId } = await bob.mutation<{ bookingId: number }>('bookings.create', {
    resourceId: resource.id,
    day,
    from,
    to,
  });
  await bob.dispose();

  const view = await viewBobAsDana(page, 'full', 'Bob asked us to cancel his meeting');
  try {
    await expect(banner(page)).toContainText('Full access');

    await page.goto(`${PORTAL_URL}/bookings/${bookingId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Meeting room Soho' })).toBeVisible();
    await page.getByRole('button', { name: /^Cancel booking: Meeting room Soho/ }).click();
    await page
      .getByRole('alertdialog', { name: 'Cancel this booking?' })
      .getByRole('button', { name: 'Cancel booking' })
      .click();
    const history = page.getByRole('list', { name: 'Booking history' });
    await expect(history).toContainText('Booked by Bob Brown');
    await expect(history).toContainText('Cancelled by Dana Downtown while viewing as Bob Brown');
    await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
    await shot(page, 'cancelled-by-operator');
    expect(appErrors(consoleErrors)).toEqual([]);
  } finally {
    await endView(page, view);
  }

  // The audit log names her too, with Bob as the member it was done for.
  await page.goto(
    `${ADMIN_URL}/audit?type=BOOKING_CANCELLED&actor=${encodeURIComponent(operators.downtownAdmin.email)}`,
  );
  const event = page.getByRole('table', { name: 'Audit events' }).getByRole('row').nth(1);
  await expect(event).toContainText('Booking cancelled');
  await expect(event).toContainText('Dana Downtown');
  await expect(event).toContainText('Bob Brown');
});
