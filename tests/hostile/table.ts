// The summary printed after the suite: how many inputs and targets ran, the worst time and
// memory, and every failure with its input, target and symptom.
import type { JobResult, Limits } from './supervise';
import type { Target } from './job';

export interface Row {
  input: string;
  target: Target;
  result: JobResult;
}

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function summaryTable(rows: Row[], limits: Limits): string {
  const inputs = new Set(rows.map((row) => row.input)).size;
  const targets = new Set(rows.map((row) => row.target));
  const slowest = [...rows].sort((a, b) => b.result.cpuMs - a.result.cpuMs)[0];
  const longest = [...rows].sort((a, b) => b.result.wallMs - a.result.wallMs)[0];
  const hungriest = [...rows].sort((a, b) => b.result.peakRssMiB - a.result.peakRssMiB)[0];
  const stalled = [...rows]
    .filter((row) => row.result.stallMs !== undefined)
    .sort((a, b) => b.result.stallMs! - a.result.stallMs!)[0];
  const wallGap = [...rows]
    .filter((row) => row.result.wallStallMs !== undefined)
    .sort((a, b) => b.result.wallStallMs! - a.result.wallStallMs!)[0];
  const failures = rows.filter((row) => row.result.verdict !== 'pass');
  const engine = rows.filter(
    (row) => row.result.verdict === 'pass' && row.result.engineErrorInMessage,
  );
  const byTarget = [...targets].map((target) => {
    const mine = rows.filter((row) => row.target === target);
    return [
      target,
      String(mine.length),
      String(mine.filter((row) => row.result.verdict !== 'pass').length),
      `${Math.max(...mine.map((row) => row.result.cpuMs))} ms`,
      `${Math.max(...mine.map((row) => row.result.peakRssMiB))} MiB`,
    ];
  });
  const lines = [
    `Hostile inputs: ${inputs} inputs, ${rows.length} runs over ${targets.size} targets (${[...targets].join(', ')})`,
    `Bounds per run: ${limits.cpuMs} ms CPU (start-up included), ${limits.idleMs} ms without CPU, ${limits.wallMs} ms wall, ${limits.rssMiB} MiB resident, ${limits.heapMiB} MiB V8 heap`,
    `Worst time:   ${slowest ? `${slowest.result.cpuMs} ms CPU  (${slowest.input} → ${slowest.target})` : '-'}`,
    `Longest wait: ${longest ? `${longest.result.wallMs} ms wall  (${longest.input} → ${longest.target})` : '-'}`,
    `Worst memory: ${hungriest ? `${hungriest.result.peakRssMiB} MiB  (${hungriest.input} → ${hungriest.target})` : '-'}`,
    `Worst stall:  ${stalled ? `${stalled.result.stallMs} ms busy on the main loop while reading (${stalled.result.wallStallMs} ms wall)  (${stalled.input} → ${stalled.target})` : '-'}`,
    `Worst wall gap of the main loop: ${wallGap ? `${wallGap.result.wallStallMs} ms  (${wallGap.input} → ${wallGap.target}; waiting for a core included)` : '-'}`,
    `Failures:     ${failures.length}`,
    '',
    pad([['target', 'runs', 'failures', 'worst CPU', 'worst memory'], ...byTarget]),
  ];
  if (failures.length > 0) {
    lines.push(
      '',
      pad([
        ['verdict', 'input → target', 'CPU', 'wall', 'memory', 'symptom'],
        ...failures.map(({ input, target, result }) => [
          result.verdict,
          `${input} → ${target}`,
          `${result.cpuMs} ms`,
          `${result.wallMs} ms`,
          `${result.peakRssMiB} MiB`,
          result.detail.replace(/\s+/g, ' ').slice(0, 160),
        ]),
      ]),
    );
  }
  if (engine.length > 0) {
    lines.push(
      '',
      'Passed with a typed error whose message carries an engine failure (a bound checked after the fact):',
      ...engine.map(
        ({ input, target, result }) => `  ${input} → ${target}: ${result.detail.slice(0, 160)}`,
      ),
    );
  }
  return lines.join('\n');
}

/** Every run, one line each (tab-separated), for reading a whole run after the fact. */
export function allRuns(rows: Row[]): string {
  const header = [
    'verdict',
    'input',
    'target',
    'cpu_ms',
    'wall_ms',
    'peak_rss_mib',
    'stall_ms',
    'wall_stall_ms',
    'detail',
  ];
  const lines = [...rows]
    .sort((a, b) => a.input.localeCompare(b.input) || a.target.localeCompare(b.target))
    .map(({ input, target, result }) =>
      [
        result.verdict,
        input,
        target,
        result.cpuMs,
        result.wallMs,
        result.peakRssMiB,
        result.stallMs ?? '',
        result.wallStallMs ?? '',
        result.detail.replace(/\s+/g, ' '),
      ].join('\t'),
    );
  return [header.join('\t'), ...lines].join('\n');
}
