/**
 * `perfgate serve [--host H] [--port P] [--tls-port P | --no-tls] [--no-udp]`: the far end
 * of `perfgate throughput --target host:port` and of `perfgate monitor`. Runs until
 * interrupted.
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  startServer,
} from "../collect/throughput/server.js";
import { serveMetrics, serveRegistry, startProbeResponder } from "../monitor/index.js";
import { UsageError } from "../util/errors.js";
import { type Flag, flagHelp } from "./flags.js";
import { formatAddress, optionsError, portNumber, wholeNumber } from "./options.js";

/** The port `perfgate serve` listens on when not told (TLS on the next one). */
export const DEFAULT_SERVE_PORT = 9292;
const DUAL_STACK = "::";
const IPV4_ANY = "0.0.0.0";
/** What listening on '::' fails with where the kernel has IPv6 off or absent. */
const NO_IPV6 = new Set(["EAFNOSUPPORT", "EADDRNOTAVAIL", "EPROTONOSUPPORT"]);

/** serve's flags: parsed by main, listed by HELP. */
const FLAGS = {
  host: {
    type: "string",
    value: "H",
    help: "address to listen on (default '::': IPv6 and IPv4 both;\n0.0.0.0 where the machine has no IPv6)",
  },
  port: {
    type: "string",
    value: "P",
    help: `TCP port (default ${DEFAULT_SERVE_PORT}); the client learns the TLS port from it`,
  },
  "tls-port": { type: "string", value: "P", help: "TLS port (default: port + 1)" },
  "no-tls": { type: "boolean", help: "serve TCP only" },
  "no-udp": {
    type: "boolean",
    help: "do not answer UDP probes (the monitor then shows no loss or jitter)",
  },
  "idle-timeout": {
    type: "string",
    value: "S",
    help: `drop a connection silent for S seconds (default ${DEFAULT_IDLE_TIMEOUT_MS / 1000})`,
  },
  "max-connections": {
    type: "string",
    value: "N",
    help: `refuse connections beyond N open ones, per listener (default ${DEFAULT_MAX_CONNECTIONS})`,
  },
  "metrics-port": {
    type: "string",
    value: "P",
    help: "serve Prometheus metrics (UDP probes answered, CPU, memory) at :P/metrics",
  },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

const HELP = `usage: perfgate serve [options]

Serve the perfgate throughput protocol (TCP and TLS 1.3 with a certificate made at start)
so that 'perfgate throughput --target host:port' can measure the path to this machine,
and answer UDP probes on the same port number for 'perfgate monitor -s host -p port'.

${flagHelp(FLAGS)}
`;

export async function main(argv: string[]): Promise<number> {
  let values: {
    host?: string;
    port?: string;
    "tls-port"?: string;
    "no-tls"?: boolean;
    "no-udp"?: boolean;
    "idle-timeout"?: string;
    "max-connections"?: string;
    "metrics-port"?: string;
    help?: boolean;
  };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: FLAGS,
    }).values;
  } catch (error) {
    throw optionsError(error, "serve");
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const tcpPort = portNumber(values.port, "--port", 0) ?? DEFAULT_SERVE_PORT;
  const metricsPort = portNumber(values["metrics-port"], "--metrics-port", 0);
  const tlsPort = values["no-tls"]
    ? false
    : (portNumber(values["tls-port"], "--tls-port", 0) ?? (tcpPort === 0 ? 0 : tcpPort + 1));
  let idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS;
  if (values["idle-timeout"] !== undefined) {
    idleTimeoutMs = Number(values["idle-timeout"]) * 1000;
    if (!(Number.isFinite(idleTimeoutMs) && idleTimeoutMs >= 0))
      throw new UsageError(
        `--idle-timeout must be a number of seconds (0: never), not '${values["idle-timeout"]}'`,
      );
  }
  const maxConnections =
    wholeNumber(values["max-connections"], "--max-connections", 1) ?? DEFAULT_MAX_CONNECTIONS;
  const listenOn = (host: string) =>
    startServer({ host, port: tcpPort, tlsPort, idleTimeoutMs, maxConnections });
  // Dual-stack by default: Node's '::' also accepts IPv4 (as ::ffff:a.b.c.d), so both
  // `monitor -s ::1` and `-s 127.0.0.1` reach it. A machine without IPv6 refuses '::'.
  let host = values.host ?? DUAL_STACK;
  const server = await listenOn(host)
    .catch((error: NodeJS.ErrnoException) => {
      if (values.host !== undefined || !NO_IPV6.has(error.code ?? "")) throw error;
      host = IPV4_ANY;
      return listenOn(host);
    })
    .catch((error: Error) => {
      throw new UsageError(`cannot listen: ${error.message}`);
    });
  // UDP probes on the TCP port's number: one -p for the monitor (separate port spaces).
  const udp = values["no-udp"]
    ? undefined
    : await startProbeResponder({ host, port: server.tcp.port }).catch(async (error: Error) => {
        await server.close();
        throw new UsageError(`cannot listen for UDP probes: ${error.message}`);
      });
  const tls = server.tls ? `, TLS on ${server.tls.port}` : "";
  // The first line is the contract scripts read (address, port, TLS port); UDP goes below.
  process.stdout.write(
    `perfgate serve: listening on ${formatAddress({ host: server.tcp.address, port: server.tcp.port })}${tls}\n`,
  );
  if (udp) process.stdout.write(`perfgate serve: UDP probes on ${udp.address.port}\n`);
  const exporter =
    metricsPort === undefined
      ? undefined
      : await serveMetrics(serveRegistry(udp?.stats), metricsPort).catch(async (error: Error) => {
          await Promise.all([server.close(), udp?.close()]);
          throw new UsageError(`--metrics-port: cannot listen: ${error.message}`);
        });
  // On stderr: stdout's first two lines are the contract scripts read.
  if (exporter)
    process.stderr.write(`perfgate serve: metrics on http://localhost:${exporter.port}/metrics\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await Promise.all([server.close(), udp?.close(), exporter?.close()]);
  return 0;
}
