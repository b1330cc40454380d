/** ab reads its --max-time with the shared parser. */
export { parseDuration } from "../monitor/duration.js";
