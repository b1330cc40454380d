/**
 * Setup for the `unit` project: a unit test that starts a process or opens a socket fails
 * at once, naming what it tried, instead of quietly making the fast suite slow and
 * machine-dependent. Such a test belongs in the `e2e` project (the E2E list in
 * vitest.config.ts). Importing these modules stays allowed; only using them is refused.
 */
import { vi } from "vitest";

function refuse(what: string): () => never {
  return () => {
    throw new Error(`a unit test called ${what}: list this file under E2E in vitest.config.ts`);
  };
}

function refusing<T extends object>(module: string, original: T, names: string[]): T {
  const replaced: Record<string, unknown> = { ...(original as Record<string, unknown>) };
  for (const name of names) replaced[name] = refuse(`${module} ${name}()`);
  return { ...replaced, default: replaced } as T;
}

vi.mock("node:child_process", async (importOriginal) =>
  refusing("node:child_process", await importOriginal<object>(), [
    "spawn",
    "spawnSync",
    "exec",
    "execSync",
    "execFile",
    "execFileSync",
    "fork",
  ]),
);
vi.mock("node:net", async (importOriginal) =>
  refusing("node:net", await importOriginal<object>(), [
    "createServer",
    "connect",
    "createConnection",
  ]),
);
vi.mock("node:tls", async (importOriginal) =>
  refusing("node:tls", await importOriginal<object>(), ["createServer", "connect"]),
);
vi.mock("node:dgram", async (importOriginal) =>
  refusing("node:dgram", await importOriginal<object>(), ["createSocket"]),
);
vi.mock("node:http", async (importOriginal) =>
  refusing("node:http", await importOriginal<object>(), ["createServer"]),
);
