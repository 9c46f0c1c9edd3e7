import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** test/fixtures, whether this runs from test/support (jest) or dist/test/support (the benchmark). */
export function fixturePath(...parts: string[]): string {
  const besideSource = join(__dirname, '..', 'fixtures');
  const fromCompiled = join(__dirname, '..', '..', '..', 'test', 'fixtures');
  return join(existsSync(besideSource) ? besideSource : fromCompiled, ...parts);
}
