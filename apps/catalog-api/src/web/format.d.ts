export function perMillion(price: string | undefined | null): string;
export function perMillionToPerToken(input: string | number | undefined | null): string | undefined;
export function contextLabel(tokens: number | undefined | null): string;
export function relativeAge(ms: number | undefined | null): string;
export function percent(rate: number | undefined | null): string;
