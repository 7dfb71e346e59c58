/**
 * No source file over 400 lines (ARCHITECTURE.md: small files, one sub-domain each). Migrations, locale
 * files and generated data are exempt. A file that grows past the limit is split by sub-domain, not listed.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const LIMIT = 400;
const ROOTS = ['src', 'tools', 'bench', 'e2e'];
const EXEMPT = [/\/migrations\//, /\/locales\//, /\/divisions\/data\//];

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.tsx?$/.test(name)) yield full.split(path.sep).join('/');
  }
}

const problems: string[] = [];
for (const root of ROOTS) {
  for (const file of sources(root)) {
    if (EXEMPT.some((re) => re.test(file))) continue;
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    if (lines > LIMIT) problems.push(`${file}: ${lines} lines (limit ${LIMIT}) — split it by sub-domain`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('file sizes: ok');
