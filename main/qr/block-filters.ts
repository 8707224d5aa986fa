// Filters over the grid of 16×16 blocks: each block's darkest or lightest value, or the sum of its
// values, over its 5×5-block neighbourhood (±2 blocks, 80 px), which is what a block's threshold
// is taken from (blocks.ts) and what says a spot is blank all around (uniform-blocks.ts).

export const NEIGHBOURS = 2; // a 5×5 block neighbourhood

/**
 * Sums over ±NEIGHBOURS blocks, across then down, as sliding windows. The values are whole
 * numbers (sums of lumas, counts), so adding and taking away is exact.
 */
export function boxSum(values: Float64Array, columns: number, rows: number): Float64Array {
  const across = new Float64Array(values.length);
  for (let r = 0; r < rows; r++) {
    const row = r * columns;
    let total = 0;
    for (let c = 0; c < Math.min(columns, NEIGHBOURS); c++) total += values[row + c]!;
    for (let c = 0; c < columns; c++) {
      if (c + NEIGHBOURS < columns) total += values[row + c + NEIGHBOURS]!;
      if (c - NEIGHBOURS - 1 >= 0) total -= values[row + c - NEIGHBOURS - 1]!;
      across[row + c] = total;
    }
  }
  const out = new Float64Array(values.length);
  for (let c = 0; c < columns; c++) {
    let total = 0;
    for (let r = 0; r < Math.min(rows, NEIGHBOURS); r++) total += across[r * columns + c]!;
    for (let r = 0; r < rows; r++) {
      if (r + NEIGHBOURS < rows) total += across[(r + NEIGHBOURS) * columns + c]!;
      if (r - NEIGHBOURS - 1 >= 0) total -= across[(r - NEIGHBOURS - 1) * columns + c]!;
      out[r * columns + c] = total;
    }
  }
  return out;
}

/** Separable min (or max) filter over ±NEIGHBOURS blocks. */
export function spread(
  values: Uint8Array,
  columns: number,
  rows: number,
  useMax: boolean,
): Uint8Array {
  // Two copies rather than one with the choice in its inner loops, which ran 40% slower.
  return useMax ? spreadMax(values, columns, rows) : spreadMin(values, columns, rows);
}

function spreadMax(values: Uint8Array, columns: number, rows: number): Uint8Array {
  const across = new Uint8Array(values.length);
  for (let row = 0; row < values.length; row += columns) {
    for (let c = 0; c < columns; c++) {
      const last = row + Math.min(columns - 1, c + NEIGHBOURS);
      let v = 0;
      for (let i = row + Math.max(0, c - NEIGHBOURS); i <= last; i++) {
        if (values[i]! > v) v = values[i]!;
      }
      across[row + c] = v;
    }
  }
  const out = new Uint8Array(values.length);
  for (let r = 0; r < rows; r++) {
    const first = Math.max(0, r - NEIGHBOURS) * columns;
    const last = Math.min(rows - 1, r + NEIGHBOURS) * columns;
    for (let c = 0; c < columns; c++) {
      let v = 0;
      for (let i = first + c; i <= last + c; i += columns) if (across[i]! > v) v = across[i]!;
      out[r * columns + c] = v;
    }
  }
  return out;
}

function spreadMin(values: Uint8Array, columns: number, rows: number): Uint8Array {
  const across = new Uint8Array(values.length);
  for (let row = 0; row < values.length; row += columns) {
    for (let c = 0; c < columns; c++) {
      const last = row + Math.min(columns - 1, c + NEIGHBOURS);
      let v = 255;
      for (let i = row + Math.max(0, c - NEIGHBOURS); i <= last; i++) {
        if (values[i]! < v) v = values[i]!;
      }
      across[row + c] = v;
    }
  }
  const out = new Uint8Array(values.length);
  for (let r = 0; r < rows; r++) {
    const first = Math.max(0, r - NEIGHBOURS) * columns;
    const last = Math.min(rows - 1, r + NEIGHBOURS) * columns;
    for (let c = 0; c < columns; c++) {
      let v = 255;
      for (let i = first + c; i <= last + c; i += columns) if (across[i]! < v) v = across[i]!;
      out[r * columns + c] = v;
    }
  }
  return out;
}
