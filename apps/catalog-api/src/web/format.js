// Pure formatting for the catalog page (no DOM): prices, context sizes, ages.

/** A USD-per-token decimal string as a per-1M-tokens label: "$3.00", "$0.15", "free", or "—" when unknown. */
export function perMillion(price) {
  if (price === undefined || price === null || price === '') return '—';
  const value = Number(price) * 1_000_000;
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return 'free';
  if (value >= 100) return `$${value.toFixed(0)}`;
  if (value >= 0.01) return `$${value.toFixed(2)}`;
  return `$${Number(value.toPrecision(2))}`;
}

/** A per-1M-tokens amount typed by a person ("3", "0.15") as an exact USD-per-token decimal string. */
export function perMillionToPerToken(input) {
  const text = String(input ?? '').trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  const exponent = -fraction.length - 6;
  const point = digits.length + exponent;
  const integer = point > 0 ? digits.slice(0, point) : '0';
  const rest = (point > 0 ? digits.slice(point) : '0'.repeat(-point) + digits).replace(/0+$/, '');
  return rest ? `${integer}.${rest}` : integer;
}

/** Context sizes as people write them: 131072 → "128K", 200000 → "200K", 1048576 → "1M". */
export function contextLabel(tokens) {
  if (!tokens) return '—';
  if (tokens >= 1_000_000) {
    const m = tokens % 1_048_576 === 0 ? tokens / 1_048_576 : tokens / 1_000_000;
    return `${Number(m.toFixed(1))}M`;
  }
  if (tokens >= 1000) {
    const k = tokens % 1024 === 0 ? tokens / 1024 : tokens / 1000;
    return `${Number(k.toFixed(1))}K`;
  }
  return String(tokens);
}

/** "just now", "3 min ago", "2 h ago", "4 d ago". */
export function relativeAge(ms) {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** A hit rate (0..1) as "97%". */
export function percent(rate) {
  return rate === undefined || rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
