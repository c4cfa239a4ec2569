/** Validates the environment when the server starts, so a bad value fails fast and loudly. */
export async function register() {
  await import('./env');
}
