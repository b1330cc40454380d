/**
 * `perfgate internal throughput-server [host]`: the server child of a loopback run. Prints
 * one JSON line `{"port":…,"tlsPort":…}` on stdout once listening, then serves until its
 * stdin closes (the parent ending or dying) or it gets SIGTERM.
 */
import { startServer } from "./server.js";
import { optimiseSooner, warmSourcePath } from "./warmJit.js";

export async function main(argv: string[]): Promise<number> {
  optimiseSooner();
  let warmed = () => {};
  const infoAfter = new Promise<void>((resolve) => {
    warmed = resolve;
  });
  const server = await startServer({ host: argv[0] ?? "127.0.0.1", infoAfter });
  process.stdout.write(`${JSON.stringify({ port: server.tcp.port, tlsPort: server.tls?.port })}\n`);
  // While the client child starts (warmJit.ts). Its trial begins with an info request,
  // answered once this is over, so the warm-up's CPU is counted in no trial.
  const warming = warmSourcePath(server.tcp.address, server.tcp.port).then(warmed);
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
