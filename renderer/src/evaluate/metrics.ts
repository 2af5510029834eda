// Per-class measures from a confusion matrix (rows: actual class, columns: predicted class).

export interface ClassMetrics {
  /** Of the samples predicted as this class, the share that really are (undefined when none was predicted). */
  precision?: number;
  /** Of the samples of this class, the share found (undefined when the test set has none). */
  recall?: number;
  support: number;
}

export function perClassMetrics(confusion: readonly (readonly number[])[]): ClassMetrics[] {
  return confusion.map((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((sum, r) => sum + (r[c] ?? 0), 0);
    const correct = row[c] ?? 0;
    return {
      precision: predicted > 0 ? correct / predicted : undefined,
      recall: support > 0 ? correct / support : undefined,
      support,
    };
  });
}
