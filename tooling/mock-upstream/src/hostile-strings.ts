/**
 * Unusual Unicode the `hostileStrings` knob puts into model lists, exported so a test can check
 * that what the catalog serves is exactly what the upstream sent.
 */

/** One of each kind of text that breaks naive handling. */
const PIECES = [
  'mixed scripts: Ünïcödé 模型 モデル 모델 نموذج מודל модель',
  'right-to-left override: \u202Eevil\u202C and isolates \u2067rtl\u2069',
  'zero-width: a\u200Bb\u200Cc\u200Dd\uFEFFe',
  'combining: Z\u0351\u0356\u0339a\u0307\u0324l\u0303\u0317g\u0352\u0331o\u0310\u0319',
  'emoji sequences: 👩🏽‍💻 🏳️‍🌈 🇺🇳 1️⃣',
  'astral plane: 𝕏𝔸𝕀 𐍈 𝄞',
  'line and paragraph separators: a\u2028b\u2029c',
  'control characters: NUL\u0000 BEL\u0007 ESC\u001B[31m DEL\u007F',
  'noncharacters: \uFFFE \uFFFF',
  'lone surrogates: \uD800 \uDFFF',
  'markup: <script>alert(1)</script> "quotes" \'apostrophes\' `backticks` \\backslash',
];

/** The pieces a URL can carry (no control characters, no lone surrogates): for ids. */
const ID_PIECES = PIECES.slice(0, 6);

/**
 * Repeats the pieces (separated by " | ") up to `length` UTF-16 code units, never splitting a
 * surrogate pair (the lone ones are meant).
 */
export function hostileText(length: number, pieces: readonly string[] = PIECES): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += (i > 0 ? ' | ' : '') + pieces[i % pieces.length]!;
  let end = Math.min(length, text.length);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end).trimEnd(); // no trailing space: providers trim text fields
}

/** A short name (within the catalog's 512-character name limit). */
export const HOSTILE_NAME = hostileText(400);
/** A very long description (within the catalog's 20 000-character description limit). */
export const HOSTILE_DESCRIPTION = hostileText(19_000);
/**
 * A model id with every oddity a URL can carry, including URL metacharacters (within the
 * 512-character id limit): it must be served, and found again by its percent-encoded id.
 */
export const HOSTILE_ID = `hostile/${hostileText(300, ID_PIECES)} ?#%&+/..%2e%2e/end`;
/** An id over the 512-character limit: the provider must skip that entry, not fail. */
export const OVERLONG_ID = `overlong/${'é'.repeat(600)}`;
/** The id of the entry whose description is over the 20 000-character limit. */
export const OVERLONG_DESCRIPTION_ID = 'hostile/overlong-description';
export const OVERLONG_DESCRIPTION = hostileText(60_000);
