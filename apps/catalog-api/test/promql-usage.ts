/**
 * What a PromQL expression uses, read from its tokens rather than a word list: every metric (a name
 * that is not a function, an aggregation, a keyword or a label), the labels each selector matches
 * on, and the labels of by/without/on/ignoring/group_left/group_right clauses. Recording-rule names
 * (with a colon) are metrics too; the caller tells them apart. Grafana's `$var` placeholders only
 * occur inside strings and ranges, which are skipped as whole tokens.
 */
export interface PromqlUsage {
  /** Metric name → labels its selectors match on. */
  metrics: Map<string, Set<string>>;
  /** Labels named in grouping and matching clauses. */
  groupingLabels: Set<string>;
  functions: Set<string>;
}

const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const OPERATOR_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2']);

const TOKEN =
  /\s+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\[[^\]]*\]|\d+(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*\b|\d*\.?\d+(?:e[+-]?\d+)?|[A-Za-z_:][A-Za-z0-9_:]*|=~|!~|!=|==|>=|<=|[-+*/%^<>={}(),@]/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (!match) throw new Error(`cannot read PromQL at ${at}: ${JSON.stringify(expression.slice(at, at + 20))}`);
    if (!/^\s+$/.test(match[0])) tokens.push(match[0]);
  }
  return tokens;
}

const isName = (token: string | undefined) => token !== undefined && /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(token);

export function promqlUsage(expression: string): PromqlUsage {
  const tokens = tokenize(expression);
  const usage: PromqlUsage = { metrics: new Map(), groupingLabels: new Set(), functions: new Set() };
  /** Reads `( a, b )` at i (the opening parenthesis); returns the index after it. */
  const labelList = (i: number, into: Set<string>): number => {
    if (tokens[i] !== '(') return i; // group_left without a list
    let j = i + 1;
    for (; tokens[j] !== ')'; j++) {
      if (j >= tokens.length) throw new Error(`unclosed label list in ${expression}`);
      if (tokens[j] !== ',') {
        if (!isName(tokens[j])) throw new Error(`"${tokens[j]}" is not a label in ${expression}`);
        into.add(tokens[j]!);
      }
    }
    return j + 1;
  };
  /** Reads `{ l op "v", ... }` at i; returns the index after it. */
  const matchers = (i: number, into: Set<string>): number => {
    let j = i + 1;
    for (; tokens[j] !== '}'; j++) {
      if (j >= tokens.length) throw new Error(`unclosed selector in ${expression}`);
      if (isName(tokens[j]) && ['=', '!=', '=~', '!~'].includes(tokens[j + 1]!)) into.add(tokens[j]!);
    }
    return j + 1;
  };
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (token === '{') throw new Error(`a selector without a metric name is not supported here: ${expression}`);
    if (!isName(token)) {
      i++;
      continue;
    }
    const next = tokens[i + 1];
    if (GROUPING.has(token)) i = labelList(i + 1, usage.groupingLabels);
    else if (AGGREGATIONS.has(token) || OPERATOR_WORDS.has(token)) i++;
    else if (next === '(') {
      usage.functions.add(token);
      i++;
    } else {
      const labels = usage.metrics.get(token) ?? new Set<string>();
      usage.metrics.set(token, labels);
      i = next === '{' ? matchers(i + 1, labels) : i + 1;
    }
  }
  return usage;
}
