/**
 * The network tier a throughput falls in: a label for people ("this runner is DataCenter
 * class"), never a metric. Bounds are the issue's, in Gbit/s, each tier's upper bound
 * exclusive.
 */
export const NETWORK_TIERS: { name: string; below: number }[] = [
  { name: "Slow", below: 0.1 },
  { name: "Home", below: 1 },
  { name: "Standard", below: 2.5 },
  { name: "Performance", below: 10 },
  { name: "Enterprise", below: 25 },
  { name: "DataCenter", below: Number.POSITIVE_INFINITY },
];

export function networkTier(gbitPerSecond: number): string {
  return NETWORK_TIERS.find((tier) => gbitPerSecond < tier.below)?.name ?? "DataCenter";
}
