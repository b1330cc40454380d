/**
 * A local stand-in for the Actions cache service v2, enough for the real @actions/cache 6
 * to save and restore through real tar: the three Twirp calls (CreateCacheEntry,
 * FinalizeCacheEntryUpload, GetCacheEntryDownloadURL) and the blob PUT (Azure block-blob
 * style, path /<account>/<container>/<blob>) and GET. Faults are programmable per call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const TWIRP = "/twirp/github.actions.results.api.v1.CacheService/";

export type CacheCall =
  | "CreateCacheEntry"
  | "FinalizeCacheEntryUpload"
  | "GetCacheEntryDownloadURL"
  | "PutBlob"
  | "GetBlob";

export interface CacheFault {
  call: CacheCall;
  status: number;
  /** How many answers fail (default: all). */
  times?: number;
  /** Delay before answering, ms. */
  delayMs?: number;
  /** Never answer (the request hangs until the client gives up or the server closes). */
  stall?: boolean;
  /** GetBlob with status 200: serve half the archive, or bytes that are no archive at all. */
  archive?: "truncated" | "garbage";
  headers?: Record<string, string>;
}

interface Entry {
  id: number;
  key: string;
  version: string;
  blob?: Buffer;
  finalized: boolean;
}

export interface CacheServer {
  url: string;
  token: string;
  entries: () => { key: string; size: number; finalized: boolean }[];
  calls: { call: CacheCall; status: number; key?: string }[];
  faults: CacheFault[];
  /** Replaces the stored archive of a key (to plant a corrupt baseline). */
  putArchive(key: string, version: string, blob: Buffer): void;
  archive(key: string): Buffer | undefined;
  versionOf(key: string): string | undefined;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startCacheServer(token = "runtime-token-for-tests"): Promise<CacheServer> {
  const entries: Entry[] = [];
  const calls: CacheServer["calls"] = [];
  const faults: CacheFault[] = [];
  let nextId = 1;
  let base = "";

  const json = (res: ServerResponse, status: number, value: unknown) => {
    const text = JSON.stringify(value);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  };

  /** Applies a programmed fault; true when it answered (or will never answer). */
  const fault = async (call: CacheCall, res: ServerResponse, blob?: Buffer): Promise<boolean> => {
    const f = faults.find((x) => x.call === call && (x.times === undefined || x.times > 0));
    if (!f) return false;
    if (f.times !== undefined) f.times--;
    if (f.stall) {
      calls.push({ call, status: 0 });
      return true;
    }
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.archive && blob) {
      const bytes =
        f.archive === "truncated"
          ? blob.subarray(0, Math.floor(blob.length / 2))
          : Buffer.from(blob.map((_, i) => (i * 131 + 7) & 0xff));
      calls.push({ call, status: 200 });
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": bytes.length,
      });
      res.end(bytes);
      return true;
    }
    if (f.status < 400) return false;
    calls.push({ call, status: f.status });
    const text = JSON.stringify({
      code:
        f.status >= 500
          ? "internal"
          : f.status === 429
            ? "resource_exhausted"
            : "permission_denied",
      msg: `injected ${f.status}`,
    });
    res.writeHead(f.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...f.headers,
    });
    res.end(text);
    return true;
  };

  const twirp = async (method: string, req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      json(res, 401, { code: "unauthenticated", msg: "bad runtime token" });
      return;
    }
    const call = method as CacheCall;
    if (await fault(call, res)) return;
    const request = JSON.parse((await body(req)).toString() || "{}") as Record<string, unknown>;
    const key = String(request.key ?? "");
    const version = String(request.version ?? "");
    if (call === "CreateCacheEntry") {
      if (entries.some((e) => e.key === key && e.version === version)) {
        calls.push({ call, status: 409, key });
        json(res, 409, {
          code: "already_exists",
          msg: "cache entry with the same key, version, and scope already exists",
        });
        return;
      }
      const entry: Entry = { id: nextId++, key, version, finalized: false };
      entries.push(entry);
      calls.push({ call, status: 200, key });
      json(res, 200, {
        ok: true,
        signed_upload_url: `${base}/devstoreaccount1/cache/${entry.id}?sig=upload`,
      });
      return;
    }
    if (call === "FinalizeCacheEntryUpload") {
      const entry = entries.find((e) => e.key === key && e.version === version && !e.finalized);
      if (!entry?.blob) {
        calls.push({ call, status: 200, key });
        json(res, 200, { ok: false, entry_id: "0", message: "no upload to finalize" });
        return;
      }
      entry.finalized = true;
      calls.push({ call, status: 200, key });
      json(res, 200, { ok: true, entry_id: String(entry.id) });
      return;
    }
    if (call === "GetCacheEntryDownloadURL") {
      const ready = entries.filter((e) => e.finalized && e.version === version);
      const restoreKeys = Array.isArray(request.restore_keys)
        ? (request.restore_keys as string[])
        : [];
      // Exact key first, then each restore key as a prefix, newest entry first.
      let hit = ready.find((e) => e.key === key);
      for (const prefix of [key, ...restoreKeys]) {
        if (hit) break;
        hit = [...ready].reverse().find((e) => e.key.startsWith(prefix));
      }
      calls.push({ call, status: 200, key });
      if (!hit) {
        json(res, 200, { ok: false, signed_download_url: "", matched_key: "" });
        return;
      }
      json(res, 200, {
        ok: true,
        signed_download_url: `${base}/devstoreaccount1/cache/${hit.id}?sig=download`,
        matched_key: hit.key,
      });
      return;
    }
    json(res, 404, { code: "bad_route", msg: `no method ${method}` });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const handle = async () => {
      if (req.method === "POST" && url.pathname.startsWith(TWIRP)) {
        await twirp(url.pathname.slice(TWIRP.length), req, res);
        return;
      }
      const blob = /^\/devstoreaccount1\/cache\/(\d+)$/.exec(url.pathname);
      const entry = blob ? entries.find((e) => e.id === Number(blob[1])) : undefined;
      if (req.method === "PUT" && entry) {
        if (await fault("PutBlob", res)) return;
        entry.blob = await body(req);
        calls.push({ call: "PutBlob", status: 201, key: entry.key });
        res.writeHead(201, {
          etag: `"0x${entry.id.toString(16)}"`,
          "last-modified": new Date().toUTCString(),
          "x-ms-request-id": String(entry.id),
          "x-ms-version": "2024-11-04",
          "x-ms-request-server-encrypted": "true",
          "content-length": "0",
        });
        res.end();
        return;
      }
      if (req.method === "GET" && entry?.blob) {
        if (await fault("GetBlob", res, entry.blob)) return;
        calls.push({ call: "GetBlob", status: 200, key: entry.key });
        res.writeHead(200, {
          "content-type": "application/octet-stream",
          "content-length": entry.blob.length,
        });
        res.end(entry.blob);
        return;
      }
      json(res, 404, { msg: "not found" });
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { msg: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/`,
    token,
    entries: () =>
      entries.map((e) => ({ key: e.key, size: e.blob?.length ?? 0, finalized: e.finalized })),
    calls,
    faults,
    putArchive(key, version, blob) {
      entries.push({ id: nextId++, key, version, blob, finalized: true });
    },
    archive: (key) => [...entries].reverse().find((e) => e.key === key)?.blob,
    versionOf: (key) => entries.find((e) => e.key === key)?.version,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The environment the runner gives a JavaScript action for the cache service v2. */
export function cacheEnv(server: CacheServer): Record<string, string> {
  return {
    ACTIONS_CACHE_SERVICE_V2: "true",
    ACTIONS_RESULTS_URL: server.url,
    ACTIONS_RUNTIME_TOKEN: server.token,
  };
}
