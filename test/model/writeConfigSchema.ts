// Rewrites schema/config.v1.json from src/model/defaults.ts (see src/model/configSchema.ts).
import { writeFileSync } from "node:fs";
import { buildConfigSchema } from "../../src/model/configSchema.js";

const path = new URL("../../schema/config.v1.json", import.meta.url);
writeFileSync(path, `${JSON.stringify(buildConfigSchema(), null, 2)}\n`);
