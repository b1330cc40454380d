/**
 * `perfgate internal <name> …`: the child processes perfgate starts itself (throughput
 * server and client, tinybench rounds). Not for people; each entry owns its protocol with
 * its parent.
 */
import { UsageError } from "../util/errors.js";

type Entry = () => Promise<{ main(argv: string[]): Promise<number> }>;

const entries: Record<string, Entry> = {
  "tinybench-round": () => import("../collect/tinybench/round.js"),
  "throughput-server": () => import("../collect/throughput/serverProcess.js"),
  "throughput-client": () => import("../collect/throughput/clientProcess.js"),
  "throughput-scaling-client": () => import("../collect/throughput/scalingClient.js"),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const entry = name ? entries[name] : undefined;
  if (!entry) throw new UsageError(`unknown internal command '${name ?? ""}'`);
  return (await entry()).main(rest);
}
