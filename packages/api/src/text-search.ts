import { type Prisma } from '@hotdesk/db';

/** Text the user typed, as a LIKE pattern that matches it literally (`%`, `_` and `\\` escaped). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * A case-insensitive "contains" filter for text the user typed. Prisma passes `contains`
 * into a LIKE pattern as is, so `%` and `_` would match anything; they are escaped here.
 */
export function containsText(text: string): Prisma.StringFilter {
  return { contains: escapeLike(text), mode: 'insensitive' };
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
