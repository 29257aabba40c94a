/**
 * An upstream price that is present but not a non-negative number. Thrown while mapping one
 * entry: mapEntries skips that entry and records this message as the reason.
 */
export class InvalidPriceError extends Error {
  readonly value: unknown;
  readonly unit: string;

  constructor(value: unknown, unit: string) {
    super(`price ${JSON.stringify(value)} (${unit}) is not a non-negative number`);
    this.name = 'InvalidPriceError';
    this.value = value;
    this.unit = unit;
  }
}
