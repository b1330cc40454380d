/**
 * JSON paths for error messages, in the `$.benchmarks[3].metrics.time.samples[0]` form a
 * person can read; keys other than plain words are quoted (`$.metrics["bytes/op"]`).
 */

/** Appends one key or index to a JSON path. */
export function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** An ajv `instancePath` ("/benchmarks/0/name") under `base` ("$"). */
export function fromPointer(pointer: string, base = "$"): string {
  if (pointer === "") return base;
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<string>((path, part) => child(path, /^\d+$/.test(part) ? Number(part) : part), base);
}
