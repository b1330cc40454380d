/** Types of scripts/bundle.mjs, for the tests that build the bundle through it. */
export function bundle(outdir: string, options?: { library?: boolean }): Promise<void>;
