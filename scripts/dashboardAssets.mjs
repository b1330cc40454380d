import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// The dashboard's pages inline uPlot and their own scripts (src/report/dashboard/assets.ts
// reads them from disk). dist/ has neither node_modules nor client/, so the bundle gets a
// module holding the texts instead, read through the same client/assets.json.
export const dashboardAssets = {
  name: "dashboard-assets",
  setup(b) {
    b.onLoad({ filter: /[\\/]report[\\/]dashboard[\\/]assets\.ts$/ }, () => {
      const client = new URL("../src/report/dashboard/client/", import.meta.url);
      const require = createRequire(client);
      const manifest = JSON.parse(readFileSync(new URL("assets.json", client), "utf8"));
      const texts = Object.fromEntries(
        Object.entries(manifest).map(([name, spec]) => [
          name,
          readFileSync(
            spec.startsWith("./") ? new URL(spec, client) : require.resolve(spec),
            "utf8",
          ),
        ]),
      );
      return {
        contents: `export function dashboardAssets() { return ${JSON.stringify(texts)}; }`,
        loader: "js",
      };
    });
  },
};
