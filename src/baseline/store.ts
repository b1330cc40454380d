/**
 * Where the baseline history lives. Two stores (the Actions cache, a file on a branch)
 * behind one small interface; run() never knows which one it talks to.
 */
import type { History } from "../model/types.js";

export type LoadResult =
  | { kind: "found"; history: History; source: string }
  /** Nothing stored yet (a first run, or an evicted cache): not an error. */
  | { kind: "none"; source: string }
  /** Something is stored but is not a valid history: never overwrite it with less. */
  | { kind: "corrupt"; source: string; problem: string }
  /** The store could not be asked (service down, no permission). */
  | { kind: "unavailable"; source: string; problem: string };

export type SaveResult = { saved: true; where: string } | { saved: false; reason: string };

/**
 * Turns the freshest stored history into the one to store. A store calls it again with a
 * newer history when another run saved in between (so neither run is lost).
 */
export type Update = (stored: History | undefined) => History;

export interface BaselineStore {
  /** For messages: "the Actions cache (key prefix …)", "main:.perfgate/history.json". */
  readonly description: string;
  load(): Promise<LoadResult>;
  save(update: Update): Promise<SaveResult>;
}
