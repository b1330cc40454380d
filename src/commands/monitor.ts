import { UsageError } from "../util/errors.js";

// Placeholder until its issue lands; replaced by the real command.
export async function main(_argv: string[]): Promise<number> {
  throw new UsageError("'monitor' is not available in this build yet");
}
