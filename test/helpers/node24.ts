import { fileURLToPath } from "node:url";

/** Path of the Node 24 binary installed by globalSetup from tools/node24. */
export const node24 = fileURLToPath(
  new URL("../../tools/node24/node_modules/.bin/node", import.meta.url),
);
