/**
 * Where the shared third-party corpus is: `CORPUS_DIR` if set, else the nearest `shared/corpus`
 * above the current directory (the repository, or a worktree further down). Ends with `/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findCorpus(start = process.cwd()): string {
  if (process.env.CORPUS_DIR) return process.env.CORPUS_DIR.replace(/\/?$/, '/');
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared/corpus'))) return `${join(dir, 'shared/corpus')}/`;
  }
  return `${join(start, '../shared/corpus')}/`;
}
