/** Prints rows as an aligned text table: first column left-aligned, the others right-aligned. */
export function printTable(title: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
  for (const row of rows) console.log(line(row));
}

export const ms = (x: number): string => `${x.toFixed(1)} ms`;
export const signedMs = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)} ms`;
export const int = (x: number): string => Math.round(x).toLocaleString('en-US');
