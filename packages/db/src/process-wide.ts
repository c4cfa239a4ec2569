/**
 * One value per process, whichever copy of a module asks for it. Next.js bundles its own copy
 * of the workspace packages beside the app server's, so module state would exist twice in one
 * process: two database pools, two audit sealers, two views of which client has which. State
 * that must be one (the runtime, and everything keyed by its database client) lives here, on
 * the global object, under `name`.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`hotdesk.${name}`);
  const holder = globalThis as { [key: symbol]: unknown };
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
