import { operators, viewPortalAsOperator } from '../support/admin';
import { banner } from '../support/portal';
import { expect, test } from '../support/test';

/** Milliseconds shown by the banner's countdown ("59:07", "1:00:00"). */
function clockMilliseconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0) * 1000;
}

test('the impersonation banner is announced when it appears and in the last minute, not at every tick', async ({
  page,
}) => {
  // The page's clock, so that an hour-long view reaches its last minute at once.
  await page.clock.install();
  await viewPortalAsOperator(page, {
    operator: operators.downtownAdmin.email,
    member: 'bob@example.com',
    reason: 'Screen reader check',
  });
  const bar = banner(page);
  const announcement = bar.getByRole('status');
  const timer = bar.getByRole('timer', { name: 'Time left' });

  await expect(announcement).toHaveText(
    /^Viewing as Bob Brown by Dana Downtown \(staff\), read-only\. \d+ minutes? left\.$/,
  );
  // The countdown is a timer, which assistive technology does not read out at each change.
  await expect(timer).not.toHaveAttribute('aria-live', /polite|assertive/);
  const introduction = await announcement.textContent();
  const shown = (await timer.textContent()) ?? '';
  await page.clock.runFor(3_000);
  await expect(timer).not.toHaveText(shown);
  await expect(announcement).toHaveText(introduction ?? '');

  await page.clock.fastForward(clockMilliseconds((await timer.textContent()) ?? '') - 30_000);
  await expect(timer).toHaveText(/^0:[0-3]\d$/);
  await expect(announcement).toHaveText('Less than a minute left viewing as Bob Brown.');
});
