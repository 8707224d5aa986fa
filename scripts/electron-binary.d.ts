// Types for electron-binary.js (plain JavaScript, since `npm start` runs it with Node alone).
export const projectRoot: string;
export function electronVersion(): string;
export function electronCacheDir(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string;
export function noElectronSentence(
  cause: string,
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
): string;
export function resolveElectron(options?: {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  stdout?: 'inherit' | 'ignore' | 'pipe';
}): Promise<{ binary: string; problem?: undefined } | { binary?: undefined; problem: string }>;
