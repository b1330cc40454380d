/**
 * The scripts and styles the dashboard's pages inline: uPlot (a chart library made for
 * time series, ~50 KB) and the pages' own code in client/. client/assets.json lists them:
 * a package path, or a path relative to client/.
 *
 * Here they are read from disk when first needed. The bundle cannot do that (an Action's
 * checkout has no node_modules, and dist/ has no client/), so scripts/bundle.mjs replaces
 * this module with one that holds the same texts, read through the same assets.json.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export interface DashboardAssets {
  uplotJs: string;
  uplotCss: string;
  style: string;
  common: string;
  index: string;
  series: string;
  regressions: string;
}

let loaded: DashboardAssets | undefined;

export function dashboardAssets(): DashboardAssets {
  if (loaded) return loaded;
  const client = new URL("./client/", import.meta.url);
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("assets.json", client), "utf8")) as Record<
    keyof DashboardAssets,
    string
  >;
  const read = (spec: string) =>
    readFileSync(
      spec.startsWith("./") ? fileURLToPath(new URL(spec, client)) : require.resolve(spec),
      "utf8",
    );
  loaded = Object.fromEntries(
    Object.entries(manifest).map(([name, spec]) => [name, read(spec)]),
  ) as unknown as DashboardAssets;
  return loaded;
}
