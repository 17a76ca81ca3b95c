// Shared by the benchmarks: the machine they ran on, and replacing one section of docs/benchmarks.md.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'docs/benchmarks.md');
const HEADER =
  '# Benchmarks\n\nEvery figure here comes from a command under `tests/bench`, named in its section; rerun it to check. Each section records the machine and date of its run.\n';

export function machineDescription() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  let pg = '';
  try {
    pg = execSync('psql --version', { encoding: 'utf8' }).trim();
  } catch {
    pg = 'psql not found';
  }
  return `Machine: ${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${pg}. Run on ${date}.`;
}

/** Replaces the `## title` section (or appends it), leaving the other sections alone. */
export function writeBenchmarkSection(title, body) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body}\n`;
  const start = current.indexOf(heading);
  let next;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const end = current.indexOf('\n## ', start + heading.length);
    next = current.slice(0, start) + section + (end === -1 ? '' : current.slice(end + 1));
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}
