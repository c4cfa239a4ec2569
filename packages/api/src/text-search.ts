import { type Prisma } from '@hotdesk/db';

/**
 * A case-insensitive "contains" filter for text the user typed. Prisma passes `contains`
 * into a LIKE pattern as is, so `%` and `_` would match anything; they are escaped here.
 */
export function containsText(text: string): Prisma.StringFilter {
  return { contains: text.replace(/[\\%_]/g, (char) => `\\${char}`), mode: 'insensitive' };
}

/**
 * Coworkers whose name or e-mail contains `text`. `searchText` (name, line break, e-mail)
 * answers it from one trigram index; a term that itself holds a line break could match across
 * the two there, so it is checked against each field instead (slowly, and never typed).
 */
export function nameOrEmailContains(text: string): Prisma.CoworkerWhereInput {
  if (text.includes('\n')) {
    return { OR: [{ fullName: containsText(text) }, { email: containsText(text) }] };
  }
  return { searchText: containsText(text) };
}
