const started = Date.now();

/** Progress on stderr-free stdout, with the time since the bench started. */
export function log(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.info(`[bench ${seconds}s] ${message}`);
}
