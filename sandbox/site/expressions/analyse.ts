// `POST /rest/api/3/expression/analyse` for the subset: the syntax check (parse, Jira's length and size
// limits), the type check (members against the type reference, comparisons, the inferred type) and the
// complexity (entity property loads, the expensive operations). An expression outside the subset is reported
// invalid with an error of type "other" that says so: the sandbox cannot vouch for it either way.
import {
  EXPRESSION_LIMITS,
  ExpressionSyntaxError,
  UnsupportedConstruct,
  countLeaves,
  parseExpression,
  type Node,
  type Position,
} from './syntax';
import {
  CONTEXT_VARIABLES,
  MEMBERS,
  METHODS,
  VALUE_MEMBERS,
  unmodelled,
  unrecognizedProperty,
  type EntityType,
  type ValueType,
} from './types';

export type Check = 'syntax' | 'type' | 'complexity';

export interface AnalysisError {
  type: 'syntax' | 'type' | 'other';
  message: string;
  line?: number;
  column?: number;
}

export interface Analysis {
  expression: string;
  valid: boolean;
  type?: string;
  errors?: AnalysisError[];
  complexity?: { expensiveOperations: string };
}

const ENTITY_TYPES = new Set<string>(Object.keys(MEMBERS));
const isEntity = (t: string): t is EntityType => ENTITY_TYPES.has(t);

class TypeErrors {
  readonly errors: AnalysisError[] = [];
  add(message: string, at: Position): void {
    this.errors.push({ type: 'type', message, line: at.line, column: at.column });
  }
}

/** Infers a node's type; `loads` collects the entity property reads (the expensive operations). */
function infer(
  node: Node,
  variables: Record<string, string>,
  errors: TypeErrors,
  loads: Set<string>,
): string {
  switch (node.type) {
    case 'literal':
      return node.value === null
        ? 'Null'
        : typeof node.value === 'string'
          ? 'String'
          : typeof node.value === 'number'
            ? 'Number'
            : 'Boolean';
    case 'list':
      node.items.forEach((item) => infer(item, variables, errors, loads));
      return 'List';
    case 'identifier': {
      const type = variables[node.name];
      if (type === undefined) {
        errors.add(`Unrecognized identifier: "${node.name}"`, node.at);
        return 'Any';
      }
      return type;
    }
    case 'not':
      infer(node.operand, variables, errors, loads);
      return 'Boolean';
    case 'conditional': {
      infer(node.test, variables, errors, loads);
      const types = new Set([
        ...infer(node.consequent, variables, errors, loads).split(' | '),
        ...infer(node.alternate, variables, errors, loads).split(' | '),
      ]);
      return [...types].sort().join(' | ');
    }
    case 'binary': {
      const left = infer(node.left, variables, errors, loads);
      const right = infer(node.right, variables, errors, loads);
      if (['<', '<=', '>', '>='].includes(node.operator)) {
        const known = (t: string) => t !== 'Any' && !t.includes('|');
        if (known(left) && known(right) && (left !== 'Number' || right !== 'Number'))
          errors.add(`Can't compare ${left} to ${right}.`, node.at);
        return 'Boolean';
      }
      if (node.operator === '+') {
        if (left === 'Number' && right === 'Number') return 'Number';
        if (left === 'String' || right === 'String') return 'String';
        return 'Any';
      }
      return 'Boolean';
    }
    case 'chain': {
      let type = infer(node.base, variables, errors, loads);
      let path = node.base.type === 'identifier' ? node.base.name : '(value)';
      for (const link of node.links) {
        if (link.kind === 'member') {
          if (isEntity(type)) {
            if (type === 'EntityProperties')
              throw new UnsupportedConstruct(
                `EntityProperties.${link.name} (use properties["${link.name}"])`,
                link.at,
              );
            const member = MEMBERS[type][link.name];
            if (member === undefined) {
              if (unmodelled(type, link.name))
                throw new UnsupportedConstruct(`${type}.${link.name}`, link.at);
              errors.add(unrecognizedProperty(type, link.name, Object.keys(MEMBERS[type])), link.at);
              return 'Any';
            }
            type = member;
          } else if (type === 'Any' || type === 'Map') type = 'Any';
          else if (VALUE_MEMBERS[type as ValueType]?.[link.name] !== undefined) type = 'Number';
          else if (type.includes('|')) type = 'Any';
          else {
            const available = Object.keys(VALUE_MEMBERS[type as ValueType] ?? {});
            errors.add(unrecognizedProperty(type, link.name, available), link.at);
            return 'Any';
          }
          path += `.${link.name}`;
        } else if (link.kind === 'index') {
          const keyType = infer(link.index, variables, errors, loads);
          if (type === 'EntityProperties') {
            const key = link.index.type === 'literal' ? String(link.index.value) : `(computed ${keyType})`;
            loads.add(`${path}[${key}]`);
            type = 'Any';
          } else if (
            isEntity(type) &&
            link.index.type === 'literal' &&
            typeof link.index.value === 'string'
          ) {
            const member = MEMBERS[type][link.index.value];
            if (member === undefined) {
              errors.add(unrecognizedProperty(type, link.index.value, Object.keys(MEMBERS[type])), link.at);
              return 'Any';
            }
            type = member;
          } else type = 'Any';
          path += '[...]';
        } else {
          link.args.forEach((arg) => infer(arg, variables, errors, loads));
          // A union (`Any | List`) is checked like Any: the method must exist on some modelled type.
          const owner = type === 'Any' || type === 'Map' || type.includes('|') ? undefined : type;
          const candidates = owner
            ? [METHODS[owner as ValueType]?.[link.name]]
            : Object.values(METHODS).map((m) => m[link.name]);
          const signature = candidates.find((c) => c !== undefined);
          if (signature === undefined)
            throw new UnsupportedConstruct(`method ${type}.${link.name}()`, link.at);
          if (owner === 'EntityProperties') loads.add(`${path}.${link.name}(...)`);
          type = signature.result;
          path += `.${link.name}(...)`;
        }
      }
      return type;
    }
  }
}

/** Analyses one expression with `check`; `contextVariables` override or add variable types. */
export function analyseExpression(
  expression: string,
  check: Check,
  contextVariables: Record<string, string> = {},
): Analysis {
  const errors: AnalysisError[] = [];
  if (expression.length > EXPRESSION_LIMITS.maxCharacters) {
    errors.push({
      type: 'other',
      message: `Jira expression is too long (${expression.length}), limit: ${EXPRESSION_LIMITS.maxCharacters} characters`,
    });
  }
  let parsed;
  try {
    parsed = parseExpression(expression);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError)
      errors.push({ type: 'syntax', message: error.message, line: error.at.line, column: error.at.column });
    else if (error instanceof UnsupportedConstruct)
      errors.push({ type: 'other', message: error.message, ...(error.at ?? {}) });
    else throw error;
    return { expression, valid: false, errors };
  }
  const leaves = countLeaves(parsed.root);
  if (leaves > EXPRESSION_LIMITS.maxLeaves) {
    errors.push({
      type: 'other',
      message: `Jira expression has too many nodes (${leaves}), limit: ${EXPRESSION_LIMITS.maxLeaves} leaves`,
    });
  }
  if (check === 'syntax')
    return errors.length > 0 ? { expression, valid: false, errors } : { expression, valid: true };

  const typeErrors = new TypeErrors();
  const loads = new Set<string>();
  let type: string;
  try {
    type = infer(parsed.root, { ...CONTEXT_VARIABLES, ...contextVariables }, typeErrors, loads);
  } catch (error) {
    if (!(error instanceof UnsupportedConstruct)) throw error;
    errors.push({ type: 'other', message: error.message, ...(error.at ?? {}) });
    return { expression, valid: false, errors };
  }
  errors.push(...typeErrors.errors);
  const result: Analysis = { expression, valid: errors.length === 0 };
  if (check === 'type') result.type = typeErrors.errors.length > 0 ? 'TypeError' : type;
  if (check === 'complexity') result.complexity = { expensiveOperations: String(loads.size) };
  if (errors.length > 0) result.errors = errors;
  return result;
}
