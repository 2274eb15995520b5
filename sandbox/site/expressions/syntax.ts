// The sandbox's Jira expressions: tokenizer and parser for a documented subset of the language (see
// docs/design/workflow-validator.md, "The sandbox's subset"): literals (strings, numbers, true, false, null,
// lists), context variables, static and computed member access, `?.`, method calls, `!`, `==`, `!=`, `<`, `<=`,
// `>`, `>=`, `&&`, `||`, `+`, `? :` and parentheses. Anything else Jira's grammar has (arrow functions,
// `let`, `typeof`, `new`, template literals, object literals, arithmetic besides `+`, `??` ...) is refused
// with an UnsupportedConstruct naming it and where it is, never guessed at: a sandbox that evaluated a
// construct differently from Jira would pass a validator Jira refuses.

export interface Position {
  line: number;
  column: number;
}

/** Jira answers a parse failure this way ("..., X encountered."), with the line and column. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: Position,
  ) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

/** A construct Jira may well accept that the sandbox does not evaluate: a loud failure, never a guess. */
export class UnsupportedConstruct extends Error {
  constructor(
    readonly construct: string,
    readonly at: Position | null,
  ) {
    super(
      `The sandbox does not evaluate this Jira expression construct: ${construct}` +
        (at ? ` (line ${at.line}, column ${at.column})` : '') +
        '. It evaluates a documented subset only (docs/design/workflow-validator.md).',
    );
    this.name = 'UnsupportedConstruct';
  }
}

type TokenKind = 'identifier' | 'number' | 'string' | 'punct' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  value?: string | number;
  at: Position;
}

/** Operators of the subset, longest first, and the ones of Jira's grammar the subset refuses, with a name. */
const SUPPORTED_PUNCT = [
  '?.',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '?',
  ':',
  '.',
  '[',
  ']',
  '(',
  ')',
  ',',
  '<',
  '>',
  '!',
  '+',
];
const REFUSED_PUNCT: Array<[string, string]> = [
  ['===', 'strict equality (===)'],
  ['!==', 'strict inequality (!==)'],
  ['=>', 'arrow function (=>)'],
  ['??', 'nullish coalescing (??)'],
  ['**', 'exponent (**)'],
  ['//', 'comment (//)'],
  ['/*', 'comment (/* */)'],
  ['-', 'subtraction or negation (-)'],
  ['*', 'multiplication (*)'],
  ['/', 'division (/)'],
  ['%', 'remainder (%)'],
  ['{', 'object literal or block ({ })'],
  ['}', 'object literal or block ({ })'],
  [';', 'statements and variables (;)'],
  ['=', 'assignment or variable (=)'],
  ['`', 'template literal (`...`)'],
  ['&', 'bitwise operator (&)'],
  ['|', 'bitwise operator (|)'],
];
const PUNCT = [
  ...REFUSED_PUNCT.map(([text, name]) => ({ text, refused: name })),
  ...SUPPORTED_PUNCT.map((text) => ({ text, refused: null as string | null })),
].sort((a, b) => b.text.length - a.text.length);

/** Words of Jira's grammar the subset refuses wherever they appear as an identifier. */
const REFUSED_WORDS: Record<string, string> = {
  let: 'variable (let)',
  return: 'return statement',
  if: 'if statement',
  else: 'if statement',
  try: 'try statement',
  catch: 'try statement',
  typeof: 'typeof operator',
  new: 'constructor call (new)',
  in: 'in operator',
  instanceof: 'instanceof operator',
  function: 'function',
  undefined: 'undefined',
};

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === '\n') {
      i += 1;
      line += 1;
      lineStart = i;
      continue;
    }
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const at = here();
    if (/[A-Za-z_$]/.test(ch)) {
      const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))?.[0] ?? ch;
      const refused = REFUSED_WORDS[word];
      if (refused !== undefined) throw new UnsupportedConstruct(refused, at);
      tokens.push({ kind: 'identifier', text: word, at });
      i += word.length;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const text = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))?.[0] ?? ch;
      if (/^[A-Za-z_$.]/.test(source.slice(i + text.length)))
        throw new UnsupportedConstruct('number notation other than plain decimals', at);
      tokens.push({ kind: 'number', text, value: Number(text), at });
      i += text.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        const c = source[j];
        if (c === undefined || c === '\n')
          throw new ExpressionSyntaxError('Unterminated string literal.', at);
        if (c === ch) break;
        if (c === '\\') {
          const next = source[j + 1] ?? '';
          const escaped = ESCAPES[next];
          if (escaped === undefined) throw new UnsupportedConstruct(`string escape \\${next}`, at);
          value += escaped;
          j += 2;
          continue;
        }
        value += c;
        j += 1;
      }
      tokens.push({ kind: 'string', text: source.slice(i, j + 1), value, at });
      i = j + 1;
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p.text, i));
    if (!punct) throw new ExpressionSyntaxError(`Unexpected character: ${ch}`, at);
    // `a?.5:0` is a conditional, not optional chaining (as in JavaScript).
    if (punct.text === '?.' && /[0-9]/.test(source[i + 2] ?? '')) {
      tokens.push({ kind: 'punct', text: '?', at });
      i += 1;
      continue;
    }
    if (punct.refused !== null) throw new UnsupportedConstruct(punct.refused, at);
    tokens.push({ kind: 'punct', text: punct.text, at });
    i += punct.text.length;
  }
  tokens.push({ kind: 'end', text: '<end>', at: here() });
  return tokens;
}

// ---- AST ---------------------------------------------------------------------------------------------------

export type Link =
  | { kind: 'member'; name: string; optional: boolean; at: Position }
  | { kind: 'index'; index: Node; optional: boolean; at: Position }
  | { kind: 'method'; name: string; args: Node[]; optional: boolean; at: Position };

export type Node =
  | { type: 'literal'; value: string | number | boolean | null; at: Position }
  | { type: 'list'; items: Node[]; at: Position }
  | { type: 'identifier'; name: string; at: Position }
  | { type: 'chain'; base: Node; links: Link[]; at: Position }
  | { type: 'not'; operand: Node; at: Position }
  | { type: 'binary'; operator: BinaryOperator; left: Node; right: Node; at: Position }
  | { type: 'conditional'; test: Node; consequent: Node; alternate: Node; at: Position };

export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '+';

export interface Parsed {
  root: Node;
  source: string;
}

/** Parses an expression of the subset; throws ExpressionSyntaxError or UnsupportedConstruct. */
export function parseExpression(source: string): Parsed {
  const tokens = tokenize(source);
  let index = 0;
  const peek = (): Token => tokens[index] ?? (tokens[tokens.length - 1] as Token);
  const next = (): Token => {
    const token = peek();
    index += 1;
    return token;
  };
  const isPunct = (text: string): boolean => peek().kind === 'punct' && peek().text === text;
  const expect = (text: string, what: string): Token => {
    if (!isPunct(text))
      throw new ExpressionSyntaxError(`${what} expected, ${peek().text} encountered.`, peek().at);
    return next();
  };

  const conditional = (): Node => {
    const test = logical('||');
    if (!isPunct('?')) return test;
    const at = next().at;
    const consequent = conditional();
    expect(':', ':');
    const alternate = conditional();
    return { type: 'conditional', test, consequent, alternate, at };
  };
  const logical = (operator: '||' | '&&'): Node => {
    let left = operator === '||' ? logical('&&') : equality();
    while (isPunct(operator)) {
      const at = next().at;
      const right = operator === '||' ? logical('&&') : equality();
      left = { type: 'binary', operator, left, right, at };
    }
    return left;
  };
  const binaryLevel = (operators: BinaryOperator[], operand: () => Node) => (): Node => {
    let left = operand();
    for (;;) {
      const token = peek();
      const operator = operators.find((o) => token.kind === 'punct' && token.text === o);
      if (!operator) return left;
      next();
      left = { type: 'binary', operator, left, right: operand(), at: token.at };
    }
  };
  const unary = (): Node => {
    if (isPunct('!')) {
      const at = next().at;
      return { type: 'not', operand: unary(), at };
    }
    return postfix();
  };
  const additive = binaryLevel(['+'], unary);
  const relational = binaryLevel(['<=', '>=', '<', '>'], additive);
  const equality = binaryLevel(['==', '!='], relational);

  const memberName = (): string => {
    const token = next();
    if (token.kind !== 'identifier')
      throw new ExpressionSyntaxError(`IDENTIFIER expected, ${token.text} encountered.`, token.at);
    return token.text;
  };
  const args = (): Node[] => {
    expect('(', '(');
    const list: Node[] = [];
    while (!isPunct(')')) {
      list.push(conditional());
      if (!isPunct(')')) expect(',', ', or )');
    }
    next();
    return list;
  };
  const postfix = (): Node => {
    const base = primary();
    const links: Link[] = [];
    for (;;) {
      const token = peek();
      if (token.kind !== 'punct') break;
      if (token.text === '.' || token.text === '?.') {
        next();
        const optional = token.text === '?.';
        if (optional && isPunct('[')) {
          next();
          const indexNode = conditional();
          expect(']', ']');
          links.push({ kind: 'index', index: indexNode, optional, at: token.at });
          continue;
        }
        if (optional && isPunct('(')) throw new UnsupportedConstruct('optional call (?.())', token.at);
        const name = memberName();
        if (isPunct('(')) links.push({ kind: 'method', name, args: args(), optional, at: token.at });
        else links.push({ kind: 'member', name, optional, at: token.at });
        continue;
      }
      if (token.text === '[') {
        next();
        const indexNode = conditional();
        expect(']', ']');
        links.push({ kind: 'index', index: indexNode, optional: false, at: token.at });
        continue;
      }
      if (token.text === '(')
        throw new UnsupportedConstruct('function call (only methods: value.method(...))', token.at);
      break;
    }
    return links.length === 0 ? base : { type: 'chain', base, links, at: base.at };
  };
  const primary = (): Node => {
    const token = next();
    if (token.kind === 'number' || token.kind === 'string')
      return { type: 'literal', value: token.value ?? null, at: token.at };
    if (token.kind === 'identifier') {
      if (token.text === 'true' || token.text === 'false')
        return { type: 'literal', value: token.text === 'true', at: token.at };
      if (token.text === 'null') return { type: 'literal', value: null, at: token.at };
      return { type: 'identifier', name: token.text, at: token.at };
    }
    if (token.kind === 'punct' && token.text === '(') {
      const inner = conditional();
      expect(')', ')');
      return inner;
    }
    if (token.kind === 'punct' && token.text === '[') {
      const items: Node[] = [];
      while (!isPunct(']')) {
        items.push(conditional());
        if (!isPunct(']')) expect(',', ', or ]');
      }
      next();
      return { type: 'list', items, at: token.at };
    }
    throw new ExpressionSyntaxError(
      `!, (, IDENTIFIER, null, true, false, NUMBER, STRING or [ expected, ${token.text} encountered.`,
      token.at,
    );
  };

  const root = conditional();
  if (peek().kind !== 'end')
    throw new ExpressionSyntaxError(`End of expression expected, ${peek().text} encountered.`, peek().at);
  return { root, source };
}

/** Leaves of the tree (literals, identifiers, member names): Jira limits an expression to 100 of them. */
export function countLeaves(node: Node): number {
  switch (node.type) {
    case 'literal':
    case 'identifier':
      return 1;
    case 'list':
      return node.items.reduce((n, item) => n + countLeaves(item), 0);
    case 'not':
      return countLeaves(node.operand);
    case 'binary':
      return countLeaves(node.left) + countLeaves(node.right);
    case 'conditional':
      return countLeaves(node.test) + countLeaves(node.consequent) + countLeaves(node.alternate);
    case 'chain':
      return node.links.reduce(
        (n, link) =>
          n +
          (link.kind === 'member'
            ? 1
            : link.kind === 'index'
              ? countLeaves(link.index)
              : 1 + link.args.reduce((m, a) => m + countLeaves(a), 0)),
        countLeaves(node.base),
      );
  }
}

/** Jira's documented limits for one expression. */
export const EXPRESSION_LIMITS = { maxCharacters: 1000, maxLeaves: 100, maxExpensiveOperations: 10 } as const;
