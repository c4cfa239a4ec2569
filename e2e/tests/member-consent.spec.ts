import { expectNoSeriousViolations } from '../support/accessibility';
import { DEMO_PASSWORD, operators } from '../support/admin';
import { linksOf, type CaughtMail } from '../support/mail';
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

/** The request's e-mail in this system's mail catcher. */
async function consentMailMentioning(needle: string): Promise<CaughtMail> {
  let mail: CaughtMail | undefined;
  await expect
    .poll(async () => {
      const inbox = (await (
        await fetch(`${system().mail.webUrl}/api/email`)
      ).json()) as CaughtMail[];
      mail = inbox.find((each) => each.text.includes(needle));
      return mail?.subject;
    })
    .toBe('Dana Downtown (staff) asks to view your account');
  return mail!;
}

/** The e-mail's "Approve or deny" link. */
function decideLinkOf(mail: CaughtMail): string {
  const link = linksOf(mail).find((href) => new URL(href).pathname === '/from-mail');
  expect(link, 'the e-mail’s /from-mail link').toBeTruthy();
  return link!;
}

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
  await admin.turnOnPolicySwitch(olivia, 'Downtown Hub', 'Ask the member first');

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

  // Bob opens the e-mail's link, signed out: it says who asks, why and how; a yes needs him
  // signed in, and the page brings him back to the link after signing in.
  const asked = await consentMailMentioning('Ticket 91');
  // A mail scanner opens every link of the e-mail first (GET, no JavaScript): the request
  // still waits, and the link still works below.
  for (const link of linksOf(asked)) expect((await fetch(link)).status, link).toBeLessThan(400);
  await expect(dialog.getByTestId('consent-waiting')).toContainText('Waiting for Bob to agree');
  const bob = await newPage(browser);
  await bob.goto(decideLinkOf(asked));
  await expect(
    bob.getByRole('heading', { level: 1, name: 'Dana Downtown asks to view your account' }),
  ).toBeVisible();
  await expect(bob).toHaveURL(`${portalUrl()}/from-mail`);
  await expect(bob.getByText('Ticket 91: invoice shows the wrong address')).toBeVisible();
  await expect(bob.getByTestId('sign-in-to-approve')).toBeVisible();
  await expect(bob.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await bob.getByRole('link', { name: 'Sign in to approve' }).click();
  await bob.getByLabel('Email').fill('bob@example.com');
  await bob.getByLabel('Password').fill(DEMO_PASSWORD);
  await bob.getByRole('button', { name: 'Sign in' }).click();
  await expect(bob).toHaveURL(`${portalUrl()}/from-mail`);
  await bob.getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByTestId('decide-outcome')).toContainText('You agreed.');

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
  // From the link alone, in a browser where nobody is signed in, "Deny" works.
  const fromMail = await newPage(browser);
  await fromMail.goto(decideLinkOf(await consentMailMentioning('Ticket 92')));
  await fromMail.getByRole('button', { name: 'Deny' }).click();
  await expect(fromMail.getByTestId('decide-outcome')).toContainText('You declined.');

  // Bob's Account activity lists both requests with his answers.
  await bob.goto(`${portalUrl()}/account/activity`);
  const requests = bob.getByTestId('consent-requests').getByRole('listitem');
  await expect(requests.filter({ hasText: 'Ticket 91' }).getByTestId('consent-answer')).toHaveText(
    'You agreed.',
  );
  await expect(requests.filter({ hasText: 'Ticket 92' }).getByTestId('consent-answer')).toHaveText(
    'You declined.',
  );

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

test('a team administrator’s view waits for the member’s yes too', async ({ browser }) => {
  test.setTimeout(120_000);
  // Downtown asks its members first since the test before (this spec runs in order).
  const signedInMember = async (email: string, next: string) => {
    const page = await newPage(browser);
    await page.goto(`${portalUrl()}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${portalUrl()}${next}`);
    return page;
  };
  const alice = await signedInMember('alice@example.com', '/team');
  await alice.getByRole('link', { name: 'Manage permissions of Acme' }).click();
  const bobRow = alice.getByRole('row', { name: /Bob Brown/ });
  await bobRow.getByRole('button', { name: 'Impersonate account' }).click();
  const dialog = alice.getByRole('dialog', { name: 'View the portal as Bob Brown' });
  await expect(dialog.getByText('has to agree before you view their account')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Team expenses: a receipt is missing');
  await dialog.getByRole('button', { name: 'Ask Bob Brown' }).click();
  await expect(dialog.getByText('Waiting for Bob Brown to agree')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Waiting for Bob Brown' })).toBeDisabled();
  await expectNoSeriousViolations(alice, 'the dialog waiting for the member');

  // Bob answers in his portal, from the bell.
  const bob = await signedInMember('bob@example.com', '/');
  await bob.getByRole('button', { name: /^Notifications:/ }).click();
  const asked = bob
    .getByRole('dialog', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'Alice Anderson (team administrator) asks to view your account' })
    .first();
  await expect(asked.getByRole('button', { name: 'Approve' })).toBeVisible();
  await expectNoSeriousViolations(bob, 'the request to agree open in the notifications');
  await asked.getByRole('button', { name: 'Approve' }).click();
  await expect(asked.getByTestId('consent-answer')).toHaveText('You agreed.');

  // Alice's dialog learns of it by itself, and on any other page her notifications tell her.
  await expect(dialog.getByText('Bob Brown agreed')).toBeVisible();
  const elsewhere = await alice.context().newPage();
  await elsewhere.goto(`${portalUrl()}/invoices`);
  await elsewhere.getByRole('button', { name: /^Notifications: [1-9][0-9]* unread/ }).click();
  const answered = elsewhere
    .getByRole('dialog', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'Bob Brown agreed to your request to view their account' });
  await expect(answered).toContainText('Open the view from Team permissions by');
  await elsewhere.close();
  await dialog.getByRole('button', { name: 'Start viewing' }).click();
  await expect(alice).toHaveURL(`${portalUrl()}/`);
  await expect(banner(alice)).toContainText('by Alice Anderson');
});

test('a team administrator is told when the member never answers', async ({ browser }) => {
  test.setTimeout(120_000);
  // Downtown still asks its members first (this spec runs in order).
  const alice = await newPage(browser);
  await alice.goto(`${portalUrl()}/sign-in?next=${encodeURIComponent('/team')}`);
  await alice.getByLabel('Email').fill('alice@example.com');
  await alice.getByLabel('Password').fill(DEMO_PASSWORD);
  await alice.getByRole('button', { name: 'Sign in' }).click();
  await alice.getByRole('link', { name: 'Manage permissions of Acme' }).click();
  await alice
    .getByRole('row', { name: /Bob Brown/ })
    .getByRole('button', { name: 'Impersonate account' })
    .click();
  const dialog = alice.getByRole('dialog', { name: 'View the portal as Bob Brown' });
  await dialog.getByLabel('Reason').fill('Team expenses: a second receipt');
  await dialog.getByRole('button', { name: 'Ask Bob Brown' }).click();
  await expect(dialog.getByText('Waiting for Bob Brown to agree')).toBeVisible();

  // Bob lets the time run out: the request's time is moved to the past, as waiting would.
  const lapsed = await system().database.prisma.accessRequest.updateMany({
    where: { status: 'PENDING', kind: 'TEAM_ADMIN', reason: 'Team expenses: a second receipt' },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect(lapsed.count).toBe(1);

  // The dialog says so by itself, and the app server's next pass tells Alice on any page.
  await expect(dialog.getByText('Bob Brown did not answer in time.')).toBeVisible();
  const elsewhere = await alice.context().newPage();
  await expect(async () => {
    await elsewhere.goto(`${portalUrl()}/invoices`);
    await elsewhere.getByRole('button', { name: /^Notifications: [1-9][0-9]* unread/ }).click();
    await expect(
      elsewhere
        .getByRole('dialog', { name: 'Notifications' })
        .getByRole('listitem')
        .filter({ hasText: 'Bob Brown did not answer your request to view their account in time' }),
    ).toContainText('Nothing starts: no answer means no.', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
});
