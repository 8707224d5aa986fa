// Walked by import-graph.test.ts: the end of the chain entry → hop → deep/leaf → far.
export const far = 'far';
