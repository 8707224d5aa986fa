// Walked by import-graph.test.ts: a dynamic import() is an edge.
export const leaf = () => import('../far');
