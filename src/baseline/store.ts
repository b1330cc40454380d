/**
 * Where the baseline history lives. Every store (the Actions cache, a file on a branch, a
 * database) sits behind one small interface; run() never knows which one it talks to.
 *
 * The rule every store and its caller keep: a history is written only after the stored one
 * was read (`found`) or is known not to exist (`none`). A store that could not be read
 * (`unreadable`) is never written over: a failed download on the baseline branch must not
 * replace 30 runs of learned noise with one.
 */
import type { History } from "../model/types.js";

/** Why a stored baseline could not be read. */
export interface Unreadable {
  /**
   * corrupt: something is stored but is not a history this perfgate reads (bad JSON, a bad
   * archive, a newer schema) — it needs a person or a newer perfgate.
   * unreachable: the store did not answer usefully (service error, rate limit, missing
   * permission, no answer in time) — the next run may well succeed.
   */
  what: "corrupt" | "unreachable";
  /** The real cause, for the warning: "the cache service answered 429 …". */
  problem: string;
  /** What a person can do about it, when there is something specific. */
  next?: string;
}

export type LoadResult =
  | { kind: "found"; history: History; source: string }
  /** Nothing stored yet (a first run, or an evicted cache): not an error. */
  | { kind: "none"; source: string }
  /** Something may be stored but could not be read: never overwrite it. */
  | { kind: "unreadable"; source: string; cause: Unreadable };

/** Whether a run that loaded `load` may write a new history: only over what it has read. */
export function maySaveOver(load: LoadResult): boolean {
  return load.kind !== "unreadable";
}

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
  /**
   * Writes `update(stored)`. Reads the stored history again first, and refuses (saved:
   * false) when that read is `unreadable`: the caller's load is not enough on its own,
   * another run may have written since.
   */
  save(update: Update): Promise<SaveResult>;
}
