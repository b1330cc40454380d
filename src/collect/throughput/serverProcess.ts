/**
 * `perfgate internal throughput-server [host]`: the server child of a loopback run. Prints
 * one JSON line `{"port":…,"tlsPort":…}` on stdout once listening, then serves until its
 * stdin closes (the parent ending or dying) or it gets SIGTERM.
 */
import { startServer } from "./server.js";
import { optimiseSooner, warmSourcePath } from "./warmJit.js";

export async function main(argv: string[]): Promise<number> {
  optimiseSooner();
  const server = await startServer({ host: argv[0] ?? "127.0.0.1" });
  process.stdout.write(`${JSON.stringify({ port: server.tcp.port, tlsPort: server.tls?.port })}\n`);
  // While the client child starts (warmJit.ts); the server serves it alike meanwhile.
  const warming = warmSourcePath(server.tcp.address, server.tcp.port);
  await new Promise<void>((resolve) => {
    process.stdin.on("data", () => {}); // the parent sends nothing; we wait for the end
    process.stdin.once("end", resolve);
    process.stdin.once("close", resolve);
    process.once("SIGTERM", resolve);
  });
  await warming;
  await server.close();
  return 0;
}
