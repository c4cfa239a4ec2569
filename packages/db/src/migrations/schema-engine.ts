import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { MigrationAdapterFactory } from './migration-adapter-factory';

export type SchemaEngine = bg.SchemaEngine;

// The repo's `lib` has no DOM, where TypeScript declares WebAssembly; only this much is used.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

declare global {
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

interface EngineModuleState {
  ready: Promise<void>;
  panic: string | undefined;
}

// Once per glue module, not per copy of this file: the glue caches views of the WebAssembly
// memory, so a second instantiation (a test runner or bundler loading this file again) would
// leave it reading the wrong memory.
const STATE = Symbol.for('@hotdesk/db/schema-engine-wasm');
const globals = globalThis as typeof globalThis & {
  [STATE]?: WeakMap<object, EngineModuleState>;
};

/**
 * The package's own entry does `import "./schema_engine_bg.wasm"`, which Node 20 cannot load
 * without a flag; so we instantiate the WebAssembly ourselves and hand it to the glue module.
 */
function engineModule(): EngineModuleState {
  const states = (globals[STATE] ??= new WeakMap());
  const existing = states.get(bg);
  if (existing) return existing;
  const state: EngineModuleState = { ready: Promise.resolve(), panic: undefined };
  state.ready = (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  states.set(bg, state);
  return state;
}

export interface SchemaEngineOptions {
  url: string;
  schemaPath: string;
  /** The engine's JSON log lines (it is chatty at info level). */
  onLog?: (line: string) => void;
}

/** Runs `work` with a fresh engine bound to `url`, then frees it and closes every pool it opened. */
export async function withSchemaEngine<T>(
  { url, schemaPath, onLog }: SchemaEngineOptions,
  work: (engine: SchemaEngine, schema: SchemaFile) => Promise<T>,
): Promise<T> {
  const wasm = engineModule();
  await wasm.ready;
  if (wasm.panic !== undefined) {
    throw new MigrationError(`The schema engine crashed earlier in this process: ${wasm.panic}`);
  }
  const schema: SchemaFile = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const adapters = new MigrationAdapterFactory(url);
  // Where a Rust panic is reported before the engine aborts; Prisma Client installs its own
  // handler in the same global, so ours is in place only while the engine runs.
  const registry = (globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: () => {} });
  const previousHandler = registry.set_message;
  registry.set_message = (message) => {
    wasm.panic = message;
  };
  try {
    const engine = await bg.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      (line: string) => onLog?.(line),
      bindMigrationAwareSqlAdapterFactory(adapters),
    );
    try {
      return await work(engine, schema);
    } finally {
      engine.free();
    }
  } catch (error) {
    // No call into the WebAssembly instance is safe after a panic; later calls refuse.
    if (wasm.panic !== undefined) {
      throw new MigrationError(`The schema engine crashed: ${wasm.panic}`, { cause: error });
    }
    throw asMigrationError(error);
  } finally {
    registry.set_message = previousHandler;
    await adapters.dispose();
  }
}

export interface SchemaFile {
  path: string;
  content: string;
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/** Engine failures arrive as plain objects or Errors whose message is a JSON error body. */
function asMigrationError(error: unknown): Error {
  if (error instanceof MigrationError) return error;
  const raw = error instanceof Error ? error.message : describe(error);
  try {
    const parsed = JSON.parse(raw) as { message?: string; error_code?: string };
    if (parsed.message) {
      const code = parsed.error_code ? ` [${parsed.error_code}]` : '';
      return new MigrationError(`${parsed.message}${code}`, { cause: error });
    }
  } catch {
    // Not JSON: the message is already readable.
  }
  return new MigrationError(raw, { cause: error });
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value) {
    return String((value as { message: unknown }).message);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
