/**
 * Two network namespaces joined by a veth pair, each end with its own address: "serve on one
 * machine, monitor from another" on one host. Needs root and `ip netns` (systemTools.ts,
 * `networkNamespaces`). Names carry the test process's id so parallel runs do not collide.
 */
import { execFileSync } from "node:child_process";

export interface NamespacePair {
  server: { ns: string; dev: string; address: string };
  client: { ns: string; dev: string; address: string };
  /** Runs `ip …`, throwing on failure. */
  ip(...args: string[]): void;
  /** Removes both namespaces (and so the veth pair); safe to call twice. */
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: "ignore" });
}

/** `prefix` (≤ 6 characters) keeps interface names under Linux's 15-character limit. */
export function createNamespacePair(prefix: string, subnetByte: number): NamespacePair {
  const tag = `${prefix}${process.pid % 100000}`;
  const subnet = `10.${subnetByte}.${process.pid % 250}`;
  const server = { ns: `${tag}s`, dev: `${tag}a`, address: `${subnet}.1` };
  const client = { ns: `${tag}c`, dev: `${tag}b`, address: `${subnet}.2` };
  const remove = () => {
    for (const { ns } of [server, client]) {
      try {
        ip("netns", "del", ns); // takes its end of the veth pair with it
      } catch {}
    }
  };
  remove();
  ip("netns", "add", server.ns);
  ip("netns", "add", client.ns);
  ip("link", "add", server.dev, "type", "veth", "peer", "name", client.dev);
  for (const end of [server, client]) {
    ip("link", "set", end.dev, "netns", end.ns);
    ip("-n", end.ns, "addr", "add", `${end.address}/24`, "dev", end.dev);
    ip("-n", end.ns, "link", "set", end.dev, "up");
    ip("-n", end.ns, "link", "set", "lo", "up");
  }
  return { server, client, ip, remove };
}
