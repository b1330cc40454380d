/** Asking a server about itself (protocol.ts, mode info): its TLS port, CPU time, peak memory. */
import { type Endpoint, openConnection, readAll } from "./connection.js";
import { encodeHello, MAX_INFO_SIZE, type ServerInfo } from "./protocol.js";

export async function serverInfo(endpoint: Endpoint): Promise<ServerInfo> {
  const { socket } = await openConnection(endpoint, "tcp");
  socket.write(encodeHello({ mode: "info", flags: 0, param: 0 }));
  const answer = await readAll(socket, MAX_INFO_SIZE + 4);
  const where = `${endpoint.host}:${endpoint.port}`;
  if (answer.length < 4) throw new Error(`${where} is not a perfgate server (no info answer)`);
  const size = answer.readUInt32BE(0);
  if (answer.length !== 4 + size) throw new Error(`${where} sent a truncated info answer`);
  const info = JSON.parse(answer.subarray(4).toString("utf8")) as ServerInfo;
  if (info.protocol !== 1 || typeof info.cpuUser !== "number")
    throw new Error(`${where} speaks an unknown throughput protocol`);
  return info;
}
