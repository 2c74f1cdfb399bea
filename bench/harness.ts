/** Tiny measurement helpers shared by the benchmarks: ops/s over a time budget, and latency percentiles. */
export interface Measurement {
  name: string;
  operations: number;
  opsPerSecond: number;
  p50Micros: number;
  p95Micros: number;
  p99Micros: number;
}

export async function measure(name: string, operation: () => unknown | Promise<unknown>, budgetMs = 2000, warmup = 200): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await operation();
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(budgetMs) * 1_000_000n;
  let now = started;
  while (now < deadline) {
    const before = process.hrtime.bigint();
    const result = operation();
    if (result instanceof Promise) await result;
    now = process.hrtime.bigint();
    latencies.push(Number(now - before) / 1000);
  }
  const seconds = Number(now - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { name, operations: latencies.length, opsPerSecond: latencies.length / seconds, p50Micros: at(0.5), p95Micros: at(0.95), p99Micros: at(0.99) };
}

export function printTable(title: string, rows: Measurement[], baseline?: Measurement): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`${'operation'.padEnd(44)}${'ops/s'.padStart(10)}${'p50 µs'.padStart(10)}${'p95 µs'.padStart(10)}${'p99 µs'.padStart(10)}${baseline ? 'vs baseline'.padStart(13) : ''}\n`);
  for (const row of rows) {
    const ratio = baseline ? `${((row.opsPerSecond / baseline.opsPerSecond) * 100).toFixed(0)}%`.padStart(13) : '';
    process.stdout.write(
      `${row.name.padEnd(44)}${Math.round(row.opsPerSecond).toLocaleString('en-US').padStart(10)}${row.p50Micros.toFixed(0).padStart(10)}${row.p95Micros.toFixed(0).padStart(10)}${row.p99Micros.toFixed(0).padStart(10)}${ratio}\n`,
    );
  }
}
