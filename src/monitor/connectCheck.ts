/** One connection set up and acknowledged (protocol.ts, mode connect), with a deadline. */
import { ACK, encodeHello } from "../collect/throughput/protocol.js";
import { dial, type Target, withDeadline } from "./dial.js";
import { PathError } from "./failure.js";

export async function connectCheck(target: Target, timeoutMs: number): Promise<void> {
  const started = performance.now();
  const socket = await dial(target, timeoutMs);
  const left = Math.max(1, timeoutMs - (performance.now() - started));
  await withDeadline<void>(socket, left, (finish, fail) => {
    socket.once("data", (chunk: Buffer) =>
      chunk[0] === ACK
        ? finish()
        : fail(new PathError("not a perfgate serve", "not a perfgate server (no ACK)")),
    );
    socket.once("end", () =>
      fail(new PathError("not a perfgate serve", "not a perfgate server (closed without ACK)")),
    );
    socket.write(encodeHello({ mode: "connect", flags: 0, param: 0 }));
  });
}
