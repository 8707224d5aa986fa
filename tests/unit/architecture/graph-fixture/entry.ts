// Walked by import-graph.test.ts: a type-only import is an edge too.
import type { Hop } from './hop';

export const entry: Hop = 'hop';
