/** Writing the benchmark's files under docs/: formatted as the repository formats them. */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

import * as prettier from 'prettier';

export async function formatted(file: string, text: string): Promise<string> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...config, filepath: file });
}

export async function writeFormatted(file: string, text: string): Promise<void> {
  await writeFile(file, await formatted(file, text));
}

/**
 * Puts `content` between the `start` and `end` marker lines of a markdown file, replacing what
 * stood there, or appends the marked part when the file has none yet. The rest is people's.
 */
export async function writeMarkedPart(
  file: string,
  { start, end }: { start: string; end: string },
  content: string,
): Promise<void> {
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const part = `${start}\n\n${content}\n\n${end}`;
  await writeFormatted(
    file,
    from >= 0 && to > from
      ? current.slice(0, from) + part + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${part}\n`,
  );
}
