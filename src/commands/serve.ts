/**
 * `perfgate serve [--host H] [--port P] [--tls-port P | --no-tls]`: the far end of
 * `perfgate throughput --target host:port`. Runs until interrupted.
 */
import { parseArgs } from "node:util";
import { startServer } from "../collect/throughput/server.js";
import { UsageError } from "../util/errors.js";

/** The port `perfgate serve` listens on when not told (TLS on the next one). */
export const DEFAULT_SERVE_PORT = 5300;

const HELP = `usage: perfgate serve [options]

Serve the perfgate throughput protocol (TCP and TLS 1.3 with a certificate made at start)
so that 'perfgate throughput --target host:port' can measure the path to this machine.

  --host H       address to listen on (default 0.0.0.0)
  --port P       TCP port (default ${DEFAULT_SERVE_PORT}); the client learns the TLS port from it
  --tls-port P   TLS port (default: port + 1)
  --no-tls       serve TCP only
`;

function port(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new UsageError(`${flag} must be a port number (0–65535), not '${text}'`);
  return value;
}

export async function main(argv: string[]): Promise<number> {
  let values: {
    host?: string;
    port?: string;
    "tls-port"?: string;
    "no-tls"?: boolean;
    help?: boolean;
  };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        "tls-port": { type: "string" },
        "no-tls": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; try 'perfgate serve --help'`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const tcpPort = port(values.port, "--port", DEFAULT_SERVE_PORT);
  const tlsPort = values["no-tls"]
    ? false
    : port(values["tls-port"], "--tls-port", tcpPort === 0 ? 0 : tcpPort + 1);
  const server = await startServer({
    host: values.host ?? "0.0.0.0",
    port: tcpPort,
    tlsPort,
  }).catch((error: Error) => {
    throw new UsageError(`cannot listen: ${error.message}`);
  });
  const tls = server.tls ? `, TLS on ${server.tls.port}` : "";
  process.stdout.write(
    `perfgate serve: listening on ${server.tcp.address}:${server.tcp.port}${tls}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
  return 0;
}
