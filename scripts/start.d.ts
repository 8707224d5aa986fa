// Types for start.js (plain JavaScript, since `npm start` runs it with Node alone).
export function start(options?: {
  env?: NodeJS.ProcessEnv;
  build?: () => number | null;
  log?: (line: string) => void;
}): Promise<number>;
