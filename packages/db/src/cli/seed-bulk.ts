import '@hotdesk/config/load-env-file';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../client';
import { seedBulkCoworkers, type BulkSeedProgress } from '../seed/bulk/seed-bulk';
import { seedDemoData } from '../seed/seed-demo';
import { CliError, redactUrl, runCli, withTargetDatabase } from './cli-support';

const USAGE =
  'Usage: pnpm db:seed:bulk --coworkers <N> [--batch-size <coworkers>] [--coworkers-only]\n' +
  '  --coworkers-only  no bookings, invoices, memberships, cards, PINs or visits';

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(number) || number < 1)
    throw new CliError(`${flag} must be a positive integer\n${USAGE}`);
  return number;
}

function progressPrinter(): (progress: BulkSeedProgress) => void {
  const tty = process.stdout.isTTY;
  let lastTenth = -1;
  return ({ done, total, rows, elapsedMs }) => {
    const percent = Math.floor((done / total) * 100);
    const rate = Math.round(rows / Math.max(elapsedMs / 1000, 0.001));
    const line =
      `  ${percent}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} coworkers, ` +
      `${rows.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s`;
    if (tty) {
      process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
    } else if (Math.floor(percent / 10) > lastTenth || done === total) {
      // Logs (CI, turbo) get one line per 10% rather than a carriage-return animation.
      lastTenth = Math.floor(percent / 10);
      console.info(line);
    }
  };
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    options: {
      coworkers: { type: 'string' },
      'batch-size': { type: 'string' },
      'coworkers-only': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const count = positiveInteger(values.coworkers ?? positionals[0], '--coworkers');
  if (count === undefined) throw new CliError(USAGE);
  const batchSize = positiveInteger(values['batch-size'], '--batch-size');

  const memberContent = !values['coworkers-only'];
  await withTargetDatabase((url) => seedBulk(url, { count, batchSize, memberContent }));
});

async function seedBulk(
  url: string,
  options: { count: number; batchSize: number | undefined; memberContent: boolean },
) {
  const { count } = options;
  // Bulk rows spread over the demo locations; make sure they exist.
  const prisma = createPrismaClient({ url, max: 2 });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }

  const what = options.memberContent ? ' and their bookings, invoices and more' : '';
  console.info(`Adding ${count.toLocaleString('en')} coworkers${what} to ${redactUrl(url)}`);
  const result = await seedBulkCoworkers(url, { ...options, onProgress: progressPrinter() });
  const seconds = result.elapsedMs / 1000;
  const n = (value: number) => value.toLocaleString('en');
  const lines = [
    `✔ ${n(result.rows)} rows in ${seconds.toFixed(1)} s (${n(Math.round(result.rows / seconds))} rows/s):`,
    `  ${n(result.coworkers)} coworkers, ${n(result.users)} with a login, ${n(result.inactive)} inactive; ` +
      `${n(result.teams)} teams with ${n(result.teamMembers)} members`,
  ];
  if (options.memberContent) {
    lines.push(
      `  ${n(result.resources)} resources; ${n(result.bookings)} bookings, ${n(result.cancelledBookings)} of them cancelled`,
      `  ${n(result.invoices)} invoices with ${n(result.invoiceLines)} lines; ${n(result.memberships)} memberships, ` +
        `${n(result.paymentMethods)} cards, ${n(result.doorAccesses)} door PINs, ${n(result.visits)} visits`,
    );
  }
  console.info(lines.join('\n'));
}
