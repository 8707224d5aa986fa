// A crafted image full of finder patterns (issue 13's hostile harness: one every 14 px on a
// 49 MP PNG cost 86 s of CPU) must not make the scan pair them all up, nor decode a region for
// every pairing. Real screens show a few codes of 3–4 patterns each.
import { describe, expect, it } from 'vitest';
import { candidateRegions, FINDER_LIMITS } from '../../../main/qr/finder';
import type { FinderPattern } from '../../../main/qr/finder';

/** Patterns on a grid, `step` px apart, 2 px modules: every triple forms a plausible corner. */
function grid(count: number, step: number): FinderPattern[] {
  const side = Math.ceil(Math.sqrt(count));
  return Array.from({ length: count }, (_, i) => ({
    x: (i % side) * step + 20,
    y: Math.floor(i / side) * step + 20,
    module: 2,
    inverted: false,
    hits: 2 + (i % 3),
  }));
}

describe('candidate regions from a hostile number of finder patterns', () => {
  it(`keeps at most ${FINDER_LIMITS.maxRegions} regions from a grid of 400 patterns`, () => {
    const regions = candidateRegions(grid(400, 40), 2000, 2000);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.length).toBeLessThanOrEqual(FINDER_LIMITS.maxRegions);
  });

  it('pairs only the best-confirmed patterns when there are more than the bound', () => {
    // 3 confirmed patterns forming a code's corner among 5,000 one-hit ones (cubic: 1.25e11
    // triples if all were paired): the code's square is found.
    const noise = grid(5000, 9).map((p) => ({ ...p, module: 5, hits: 1 }));
    const corner: FinderPattern[] = [
      { x: 3000, y: 3000, module: 4, inverted: false, hits: 9 },
      { x: 3200, y: 3000, module: 4, inverted: false, hits: 9 },
      { x: 3000, y: 3200, module: 4, inverted: false, hits: 9 },
    ];
    const regions = candidateRegions([...noise, ...corner], 4000, 4000);
    expect(regions.some((r) => r.rect.x <= 3000 && r.rect.x + r.rect.width >= 3200)).toBe(true);
    expect(regions.length).toBeLessThanOrEqual(FINDER_LIMITS.maxRegions);
  });

  it('leaves a normal screen alone: one code, three patterns, one region', () => {
    const regions = candidateRegions(
      [
        { x: 100, y: 100, module: 4, inverted: false, hits: 5 },
        { x: 300, y: 100, module: 4, inverted: false, hits: 5 },
        { x: 100, y: 300, module: 4, inverted: false, hits: 5 },
      ],
      1920,
      1080,
    );
    expect(regions).toHaveLength(1);
  });
});
