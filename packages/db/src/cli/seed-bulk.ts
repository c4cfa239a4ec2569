import '@hotdesk/config/load-env-file';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../client';
import { seedBulkCoworkers, type BulkSeedProgress } from '../seed/bulk/seed-bulk';
import { seedDemoData } from '../seed/seed-demo';
import { CliError, redactUrl, runCli, withTargetDatabase } from './cli-support';

const USAGE = 'Usage: pnpm db:seed:bulk --coworkers <N> [--batch-size <rows>]';

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
  return ({ done, total, elapsedMs }) => {
    const percent = Math.floor((done / total) * 100);
    const rate = Math.round(done / Math.max(elapsedMs / 1000, 0.001));
    const line = `  ${percent}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} coworkers  ${rate.toLocaleString('en')} rows/s`;
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
    options: { coworkers: { type: 'string' }, 'batch-size': { type: 'string' } },
    allowPositionals: true,
  });
  const count = positiveInteger(values.coworkers ?? positionals[0], '--coworkers');
  if (count === undefined) throw new CliError(USAGE);
  const batchSize = positiveInteger(values['batch-size'], '--batch-size');

  await withTargetDatabase((url) => seedBulk(url, count, batchSize));
});

async function seedBulk(url: string, count: number, batchSize: number | undefined) {
  // Bulk rows spread over the demo locations; make sure they exist.
  const prisma = createPrismaClient({ url, max: 2 });
  try {
    await seedDemoData(prisma);
  } finally {
    await prisma.$disconnect();
  }

  console.info(`Adding ${count.toLocaleString('en')} coworkers to ${redactUrl(url)}`);
  const result = await seedBulkCoworkers(url, { count, batchSize, onProgress: progressPrinter() });
  const seconds = result.elapsedMs / 1000;
  console.info(
    `✔ ${result.coworkers.toLocaleString('en')} coworkers in ${seconds.toFixed(1)} s ` +
      `(${Math.round(result.coworkers / seconds).toLocaleString('en')} rows/s): ` +
      `${result.users.toLocaleString('en')} with a login, ${result.inactive.toLocaleString('en')} inactive, ` +
      `${result.teams.toLocaleString('en')} teams with ${result.teamMembers.toLocaleString('en')} members`,
  );
}
