/** The machine a benchmark ran on, for its section. */
export function machineDescription(): string;
/** Replaces the `## title` section of docs/benchmarks.md (or appends it). */
export function writeBenchmarkSection(title: string, body: string): void;
