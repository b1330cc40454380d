/**
 * TypeScript bench files run only where Node itself strips types: Node 23.6+ and 22.18+ by
 * default, 22.6+ behind --experimental-strip-types. perfgate does not bundle a compiler for
 * user code; it tells the user what to do instead.
 */
import { InputError } from "../../util/errors.js";

export interface Runtime {
  /** process.versions.node */
  version: string;
  /** process.features.typescript: "strip" | "transform" | false, absent before Node 22.10. */
  typescript?: string | boolean;
}

/** First Node version with --experimental-strip-types. */
const FLAGGED_SINCE: [number, number] = [22, 6];

export function isTypeScriptFile(file: string): boolean {
  return /\.(ts|mts|cts)$/i.test(file);
}

/**
 * Node flags a child needs to import `file`, or an InputError saying what to do when this
 * Node cannot run TypeScript at all.
 */
export function typeScriptFlags(file: string, runtime: Runtime): string[] {
  if (!isTypeScriptFile(file)) return [];
  if (runtime.typescript === "strip" || runtime.typescript === "transform") return [];
  const [major = 0, minor = 0] = runtime.version.split(".").map(Number);
  const [fMajor, fMinor] = FLAGGED_SINCE;
  if (major > fMajor || (major === fMajor && minor >= fMinor)) {
    return ["--experimental-strip-types"];
  }
  throw new InputError(
    `TypeScript bench files need Node >= 22.6 (Node strips the types); this is Node ` +
      `${runtime.version}: run perfgate with Node 22.6+ (the Action runs on node24) or compile ` +
      `the file to .js`,
    file,
  );
}

export function thisRuntime(): Runtime {
  const features = process.features as { typescript?: string | boolean };
  return { version: process.versions.node, typescript: features.typescript };
}
