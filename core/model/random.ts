/**
 * The one seeded random generator of Neuroblocks (mulberry32): small and fast, and the same seed
 * gives the same numbers everywhere — the data splits and shuffles, the augmentation layers, the
 * engines' `Math.random`. Browser-safe; `core/data/random` adds the draws built on it.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
