// Walked by import-graph.test.ts: a re-export is an edge.
export { leaf } from './deep/leaf';
export type Hop = 'hop';
