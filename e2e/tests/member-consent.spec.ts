import { DEMO_PASSWORD, operators } from '../support/admin';
import { banner } from '../support/portal';
import { useOwnSystem } from '../support/own-system';
import { ownSystemAdmin } from '../support/own-system-admin';
import { expect, test } from '../support/test';

// Its own system: "ask the member first" switched on at Downtown would hold up every other
// spec's view of a Downtown member while this one runs.
const system = useOwnSystem({});
test.describe.configure({ mode: 'serial' });

const adminUrl = () => system().instance('admin').url;
const portalUrl = () => system().instance('portal').url;

const admin = ownSystemAdmin(adminUrl);
const adminCall = admin.call;
const newPage = admin.newPage;
const signedInAdmin = admin.signedIn;

test('an operator’s view waits for the member’s yes; a no refuses the next one', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const olivia = await signedInAdmin(browser, operators.owner.email);
  const dana = await signedInAdmin(browser, operators.downtownAdmin.email);

  // Olivia (OWNER) has Downtown ask its members first.
  await olivia.goto(`${adminUrl()}/policies`);
  const downtown = olivia.getByRole('region', { name: 'Downtown Hub' });
  const askFirst = downtown.getByRole('switch', { name: 'Ask the member first' });
  await expect(askFirst).not.toBeChecked();
  await askFirst.click();
  await downtown.getByRole('button', { name: 'Save' }).click();
  await expect(olivia.getByText('Policy saved')).toBeVisible();

  // Dana asks to look at Bob's account: the dialog asks Bob instead of opening the portal.
  const bobCoworkerId = await admin.customerId(dana, 'bob@example.com');
  await dana.goto(`${adminUrl()}/customers/${bobCoworkerId}`);
  await dana.getByRole('button', { name: 'Impersonate' }).click();
  let dialog = dana.getByRole('dialog', { name: 'Impersonate Bob Brown' });
  await expect(dialog.getByTestId('consent-needed')).toContainText('Bob has to agree');
  await expect(dialog.getByRole('button', { name: 'Open portal' })).toHaveCount(0);
  await expect(dialog.getByText('Urgent: start without asking')).toHaveCount(0);
  await dialog.getByLabel('Reason').fill('Ticket 91: invoice shows the wrong address');
  await dialog.getByRole('button', { name: 'Ask Bob' }).click();
  await expect(dialog.getByTestId('consent-waiting')).toContainText('Waiting for Bob to agree');
  await expect(dialog.getByRole('button', { name: 'Waiting for Bob' })).toBeDisabled();

  // Bob, signed in as himself, sees who asks, why and how, and approves.
  const bob = await newPage(browser);
  await bob.goto(`${portalUrl()}/sign-in?next=${encodeURIComponent('/account/activity')}`);
  await bob.getByLabel('Email').fill('bob@example.com');
  await bob.getByLabel('Password').fill(DEMO_PASSWORD);
  await bob.getByRole('button', { name: 'Sign in' }).click();
  await expect(bob).toHaveURL(`${portalUrl()}/account/activity`);
  const requests = bob.getByTestId('consent-requests');
  await expect(requests).toContainText('Dana Downtown (staff) asks to view your account');
  await expect(requests).toContainText('Why: Ticket 91: invoice shows the wrong address');
  await expect(requests).toContainText('Access: read-only');
  await requests.getByRole('button', { name: 'Approve' }).click();
  await expect(requests.getByTestId('consent-answer')).toHaveText('You agreed.');

  // Dana's dialog learns of it by itself, and opens the portal as Bob.
  await expect(dialog.getByTestId('consent-approved')).toContainText('Bob agreed');
  const [portal] = await Promise.all([
    dana.context().waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open portal' }).click(),
  ]);
  await expect(portal).toHaveURL(`${portalUrl()}/`);
  const bar = banner(portal);
  await expect(bar).toContainText('Viewing as Bob Brown');
  await expect(bar).toContainText('by Dana Downtown');
  await portal.close();

  // His yes worked once: the next view needs a new one, and this time Bob says no.
  await dana.reload();
  await dana.getByRole('button', { name: 'Impersonate' }).click();
  dialog = dana.getByRole('dialog', { name: 'Impersonate Bob Brown' });
  await expect(dialog.getByTestId('consent-needed')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Ticket 92: one more look');
  await dialog.getByRole('button', { name: 'Ask Bob' }).click();
  await expect(dialog.getByTestId('consent-waiting')).toBeVisible();
  await bob.reload();
  const second = bob
    .getByTestId('consent-requests')
    .getByRole('listitem')
    .filter({ hasText: 'Ticket 92' });
  await second.getByRole('button', { name: 'Deny' }).click();
  await expect(second.getByTestId('consent-answer')).toHaveText('You declined.');

  // Dana is told, in the dialog, and a grant anyway is refused saying why.
  await expect(dialog.getByTestId('consent-declined')).toContainText('Bob declined');
  const refused = await adminCall(dana.request, 'impersonation.start', {
    coworkerId: bobCoworkerId,
    reason: 'Ticket 92: one more look',
  });
  expect(refused.status).toBe(403);
  expect(JSON.stringify(refused.body)).toContain(
    'Bob Brown declined this view. Ask again only if they expect it.',
  );
});
