/**
 * A local stand-in for the Actions artifact service v4 that the real `@actions/artifact`
 * talks to, on node:http:
 * - Twirp JSON: POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact
 *   {workflow_run_backend_id, workflow_job_run_backend_id, name, version} →
 *   {ok, signed_upload_url}; FinalizeArtifact {…, name, size, hash} → {ok, artifact_id};
 * - the upload: Azure block-blob calls on the signed URL, as @azure/storage-blob's
 *   uploadStream makes them (PUT ?comp=block&blockid=…, then PUT ?comp=blocklist naming
 *   the blocks in order);
 * - the runtime token is a JWT whose `scp` claim carries the run's backend ids, as the
 *   runner's does (the client reads them from it).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const TWIRP = "/twirp/github.actions.results.api.v1.ArtifactService/";

export interface StoredArtifact {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  /** The uploaded bytes (a zip unless uploaded raw), once the block list is committed. */
  blob?: Buffer;
  finalized: boolean;
  size?: string;
  hash?: string;
}

export interface ArtifactServer {
  url: string;
  token: string;
  artifacts: StoredArtifact[];
  calls: string[];
  close(): Promise<void>;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A runtime token as the runner hands it out: an (unsigned here) JWT with the scp claim. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  return [
    base64url({ alg: "none", typ: "JWT" }),
    base64url({ scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}` }),
    "signature",
  ].join(".");
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export async function startArtifactServer(
  runBackendId = "run-backend-1",
  jobBackendId = "job-backend-1",
): Promise<ArtifactServer> {
  const token = runtimeToken(runBackendId, jobBackendId);
  const artifacts: StoredArtifact[] = [];
  const calls: string[] = [];
  const blocks = new Map<string, Buffer>();
  let base = "";
  let nextId = 1;

  const twirp = async (method: string, req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      json(res, 401, { code: "unauthenticated", msg: "bad token" });
      return;
    }
    const request = JSON.parse((await body(req)).toString("utf8")) as Record<string, string>;
    calls.push(method);
    if (
      request.workflow_run_backend_id !== runBackendId ||
      request.workflow_job_run_backend_id !== jobBackendId
    ) {
      json(res, 400, { code: "invalid_argument", msg: "backend ids do not match the token" });
      return;
    }
    if (method === "CreateArtifact") {
      if (artifacts.some((a) => a.name === request.name)) {
        json(res, 409, { code: "already_exists", msg: "an artifact with this name exists" });
        return;
      }
      const artifact: StoredArtifact = {
        id: nextId++,
        name: request.name as string,
        runBackendId,
        jobBackendId,
        finalized: false,
      };
      artifacts.push(artifact);
      json(res, 200, {
        ok: true,
        signed_upload_url: `${base}/devstoreaccount1/artifacts/${artifact.id}?sig=upload`,
      });
      return;
    }
    if (method === "FinalizeArtifact") {
      const artifact = artifacts.find((a) => a.name === request.name);
      if (!artifact?.blob) {
        json(res, 404, { code: "not_found", msg: "nothing uploaded under this name" });
        return;
      }
      artifact.finalized = true;
      artifact.size = request.size;
      artifact.hash = request.hash;
      json(res, 200, { ok: true, artifact_id: String(artifact.id) });
      return;
    }
    json(res, 404, { code: "bad_route", msg: `no method ${method}` });
  };

  const azureHeaders = (id: number) => ({
    etag: `"0x${id.toString(16)}"`,
    "last-modified": new Date().toUTCString(),
    "x-ms-request-id": String(id),
    "x-ms-version": "2024-11-04",
    "x-ms-request-server-encrypted": "true",
    "content-length": "0",
  });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const handle = async () => {
      if (req.method === "POST" && url.pathname.startsWith(TWIRP)) {
        await twirp(url.pathname.slice(TWIRP.length), req, res);
        return;
      }
      const match = /^\/devstoreaccount1\/artifacts\/(\d+)$/.exec(url.pathname);
      const artifact = match ? artifacts.find((a) => a.id === Number(match[1])) : undefined;
      if (req.method === "PUT" && artifact && url.searchParams.get("sig") === "upload") {
        const comp = url.searchParams.get("comp");
        const data = await body(req);
        if (comp === "block") {
          const blockId = url.searchParams.get("blockid") ?? "";
          blocks.set(`${artifact.id}/${blockId}`, data);
          calls.push("PutBlock");
          res.writeHead(201, azureHeaders(artifact.id));
          res.end();
          return;
        }
        if (comp === "blocklist") {
          const ids = [
            ...data.toString("utf8").matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g),
          ].map((m) => m[1] as string);
          const parts = ids.map((id) => blocks.get(`${artifact.id}/${id}`));
          if (parts.some((p) => !p)) {
            res.writeHead(400, { "content-type": "application/xml" });
            res.end("<Error><Code>InvalidBlockList</Code></Error>");
            return;
          }
          artifact.blob = Buffer.concat(parts as Buffer[]);
          calls.push("PutBlockList");
          res.writeHead(201, azureHeaders(artifact.id));
          res.end();
          return;
        }
        // A single-shot upload (small bodies).
        artifact.blob = data;
        calls.push("PutBlob");
        res.writeHead(201, azureHeaders(artifact.id));
        res.end();
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
    artifacts,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
