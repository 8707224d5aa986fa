// Types for package.js (plain JavaScript, since `npm run package` runs it with Node alone).
export function builderCacheDir(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string;
export function downloadFailureLine(
  text: string,
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
): string | undefined;
export function builderArgs(args: string[], env?: NodeJS.ProcessEnv): string[];
export function runPackage(options?: {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  out?: (text: string) => void;
  err?: (text: string) => void;
}): Promise<number>;
