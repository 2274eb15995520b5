// JQL for the embedded site: parsed with Atlassian's own grammar (@atlaskit/jql-ast's JastBuilder over
// @atlaskit/jql-parser), then compiled once into a predicate and a comparator so a 50,000-issue project is
// filtered in milliseconds. What it understands:
//   project, issuetype (type), parent, status, statusCategory, key (issuekey, id, issue),
//   created (createdDate), updated (updatedDate), assignee, reporter, summary / text (~, !~), level (security),
//   entity-property paths only as an app's manifest indexes them (../property-index.ts): by their search alias
//   (Role Split's productManager / productOwner) or as issue.property[key].path, with the operators of their
//   type (user, string, text, number, date); a path nobody indexes matches nothing, as in Jira;
//   =, !=, in, not in, is [not] EMPTY, date and key comparisons, AND / OR / NOT / parentheses,
//   functions currentUser(), membersOf(), standardIssueTypes(), subTaskIssueTypes(), now(), startOf...()/endOf...();
//   ORDER BY key, id, created, updated, summary, project, issuetype, status, assignee, reporter (max 7 fields).
// Anything else is a 400 with Jira's wording. As in Jira, `!=` and `not in` never match an empty value, and a
// query without a search restriction (no WHERE clause) is refused by the enhanced search.
import { JastBuilder, JQLSyntaxError } from '@atlaskit/jql-ast';
import type { Clause, Operand, OrderBy, TerminalClause } from '@atlaskit/jql-ast';
import { ISSUE_TYPES, STATUS_CATEGORIES, STATUSES, categoryOf } from '../catalog';
import { JiraHttpError, MESSAGES, errorCollection } from '../errors';
import type { SiteIssue, SiteUser } from '../model';
import type { IndexedPath, PropertyIndex } from '../property-index';
import type { SiteState } from '../state';
import { DATE_FORMAT_HINT, evaluateDateFunction, parseDateValue } from './dates';

export interface JqlContext {
  state: SiteState;
  caller: SiteUser;
  /** Ids of the projects the caller may browse. */
  browsable: ReadonlySet<string>;
  /** Whether the caller may see an issue (project access and issue security). */
  visible: (issue: SiteIssue) => boolean;
  /** The entity-property paths JQL may search (from the manifest's `jira:entityProperty` modules). */
  index: PropertyIndex;
  now: number;
}

export interface CompiledJql {
  matches: (issue: SiteIssue) => boolean;
  compare: (a: SiteIssue, b: SiteIssue) => number;
}

type Predicate = (issue: SiteIssue) => boolean;
type Term =
  { kind: 'value'; text: string } | { kind: 'empty' } | { kind: 'function'; name: string; args: string[] };

const EQUALITY = ['=', '!=', 'in', 'not in', 'is', 'is not'] as const;
const COMPARISON = ['>', '>=', '<', '<='] as const;
const POSITIVE = new Set(['=', 'in', 'is']);
const MAX_ORDER_FIELDS = 7;

/** Compiles `jql`, or throws a 400 `JiraHttpError` with Jira's messages. */
export function compileJql(jql: string, ctx: JqlContext): CompiledJql {
  const jast = new JastBuilder().build(jql);
  const syntax = jast.errors[0];
  if (syntax) {
    const where =
      syntax instanceof JQLSyntaxError
        ? ` (line ${syntax.line}, character ${syntax.charPositionInLine + 1})`
        : '';
    throw new JiraHttpError(400, errorCollection([`Error in the JQL Query: ${syntax.message}${where}`]));
  }
  const query = jast.query;
  if (!query || !query.where) throw new JiraHttpError(400, errorCollection([MESSAGES.unbounded]));
  const compiler = new Compiler(ctx);
  const matches = compiler.clause(query.where);
  const compare = compiler.orderBy(query.orderBy ?? undefined);
  if (compiler.errors.length > 0)
    throw new JiraHttpError(400, errorCollection([...new Set(compiler.errors)]));
  return { matches, compare };
}

function termsOf(operand: Operand | void): Term[] {
  if (!operand) return [];
  switch (operand.operandType) {
    case 'value':
      return [{ kind: 'value', text: operand.value }];
    case 'keyword':
      return [{ kind: 'empty' }];
    case 'function':
      return [
        { kind: 'function', name: operand.function.value, args: operand.arguments.map((a) => a.value) },
      ];
    case 'list':
      return operand.values.flatMap(termsOf);
  }
}

const never: Predicate = () => false;

class Compiler {
  readonly errors: string[] = [];

  constructor(private readonly ctx: JqlContext) {}

  clause(clause: Clause): Predicate {
    switch (clause.clauseType) {
      case 'compound': {
        const parts = clause.clauses.map((c) => this.clause(c));
        return clause.operator.value === 'and'
          ? (issue) => parts.every((p) => p(issue))
          : (issue) => parts.some((p) => p(issue));
      }
      case 'not': {
        const inner = this.clause(clause.clause);
        return (issue) => !inner(issue);
      }
      case 'terminal':
        return this.terminal(clause);
    }
  }

  private fail(message: string): Predicate {
    this.errors.push(message);
    return never;
  }

  private terminal(clause: TerminalClause): Predicate {
    const fieldText = clause.field.value;
    const name = fieldText.toLowerCase();
    const op = clause.operator ? clause.operator.value.toLowerCase() : '';
    const terms = termsOf(clause.operand);
    if (clause.predicates.length > 0 || ['was', 'was in', 'was not', 'was not in', 'changed'].includes(op)) {
      return this.fail(`The operator '${op.toUpperCase()}' is not supported by the '${fieldText}' field.`);
    }
    if (name === 'issue.property') return this.propertyClause(clause, op, terms);
    const alias = FIELDS.has(name) ? undefined : this.ctx.index.alias(name);
    const spec = FIELDS.get(name) ?? (alias ? indexedField(alias) : undefined);
    if (!spec)
      return this.fail(`Field '${fieldText}' does not exist or you do not have permission to view it.`);
    if (!spec.operators.includes(op)) {
      return this.fail(`The operator '${op}' is not supported by the '${fieldText}' field.`);
    }
    if ((op === 'is' || op === 'is not') && terms.some((t) => t.kind !== 'empty')) {
      return this.fail(
        `The operator '${op}' only supports the use of EMPTY or NULL for the field '${fieldText}'.`,
      );
    }
    return spec.compile(this, op, terms, fieldText);
  }

  // ---- helpers used by the field specs ------------------------------------------------------------------

  /** A field with at most one value per issue, compared by identity (ids, account ids, names). */
  membership(
    op: string,
    terms: Term[],
    get: (issue: SiteIssue) => string | null,
    resolve: (term: Exclude<Term, { kind: 'empty' }>) => string[],
  ): Predicate {
    const values = new Set<string>();
    let empty = false;
    for (const term of terms) {
      if (term.kind === 'empty') empty = true;
      else for (const v of resolve(term)) values.add(v);
    }
    if (POSITIVE.has(op)) {
      return (issue) => {
        const v = get(issue);
        return v === null ? empty : values.has(v);
      };
    }
    // `!=`, `not in` and `is not` never match an empty value.
    return (issue) => {
      const v = get(issue);
      return v !== null && !values.has(v);
    };
  }

  valueOnly(term: Exclude<Term, { kind: 'empty' }>): string | undefined {
    if (term.kind === 'value') return term.text;
    this.errors.push(`Unable to find JQL function '${term.name}(${term.args.join(', ')})'.`);
    return undefined;
  }

  dateOf(term: Exclude<Term, { kind: 'empty' }>, field: string): number | undefined {
    if (term.kind === 'function') {
      try {
        const value = evaluateDateFunction(term.name, term.args, this.ctx.now, this.ctx.caller.timeZone);
        if (value !== undefined) return value;
        this.errors.push(`Unable to find JQL function '${term.name}(${term.args.join(', ')})'.`);
      } catch {
        this.errors.push(`Function '${term.name}' got an invalid argument '${term.args.join(', ')}'.`);
      }
      return undefined;
    }
    const value = parseDateValue(term.text, this.ctx.now, this.ctx.caller.timeZone);
    if (value === undefined)
      this.errors.push(`Date value '${term.text}' for field '${field}' is invalid. ${DATE_FORMAT_HINT}`);
    return value;
  }

  dateClause(op: string, terms: Term[], field: string, get: (issue: SiteIssue) => number): Predicate {
    // Created and updated are never empty.
    if (op === 'is') return never;
    if (op === 'is not') return () => true;
    const minute = (ms: number): number => Math.floor(ms / 60_000);
    if (op === '=' || op === '!=' || op === 'in' || op === 'not in') {
      // Equality compares to the minute; an EMPTY in the list adds nothing (these dates are never empty).
      const wanted = new Set<number>();
      for (const term of terms) {
        if (term.kind === 'empty') continue;
        const ms = this.dateOf(term, field);
        if (ms !== undefined) wanted.add(minute(ms));
      }
      return POSITIVE.has(op) ? (i) => wanted.has(minute(get(i))) : (i) => !wanted.has(minute(get(i)));
    }
    const term = terms[0];
    if (!term || term.kind === 'empty')
      return this.fail(`The operator '${op}' does not support the value EMPTY for field '${field}'.`);
    const bound = this.dateOf(term, field);
    if (bound === undefined) return never;
    switch (op) {
      case '>':
        return (i) => get(i) > bound;
      case '>=':
        return (i) => get(i) >= bound;
      case '<':
        return (i) => get(i) < bound;
      default:
        return (i) => get(i) <= bound;
    }
  }

  /** Account ids named by a user clause: an account id, an email, a display name, currentUser(), membersOf(). */
  users(term: Exclude<Term, { kind: 'empty' }>, field: string, strict: boolean): string[] {
    const { state } = this.ctx;
    if (term.kind === 'function') {
      const fn = term.name.toLowerCase();
      if (fn === 'currentuser') return [this.ctx.caller.accountId];
      if (fn === 'membersof') {
        const group = term.args[0] ?? '';
        if (!state.groups.has(group)) {
          this.errors.push(`The value '${group}' does not exist for the function 'membersOf'.`);
          return [];
        }
        return state.membersOf(group).map((u) => u.accountId);
      }
      this.errors.push(`Unable to find JQL function '${term.name}(${term.args.join(', ')})'.`);
      return [];
    }
    if (state.getUser(term.text)) return [term.text];
    const byEmail = state.findUserByEmail(term.text);
    if (byEmail) return [byEmail.accountId];
    const byName = [...state.users.values()].filter(
      (u) => u.displayName.toLowerCase() === term.text.toLowerCase(),
    );
    if (byName.length > 0) return byName.map((u) => u.accountId);
    // The ownership aliases index whatever account id a property holds, known to the site or not.
    if (strict) this.errors.push(`The value '${term.text}' does not exist for the field '${field}'.`);
    return strict ? [] : [term.text];
  }

  private propertyClause(clause: TerminalClause, op: string, terms: Term[]): Predicate {
    const property = clause.field.properties?.[0];
    const key = property?.key?.value;
    if (!property || !key)
      return this.fail(
        `Field '${clause.field.value}' does not exist or you do not have permission to view it.`,
      );
    const path = (property.path ?? []).flatMap((p) => p.value.split('.')).filter((s) => s !== '');
    const entry = this.ctx.index.path(key, path.join('.'));
    // Not indexed: Jira accepts the clause and has nothing to match it against.
    if (!entry) return never;
    const spec = indexedField(entry);
    const fieldText = `issue.property[${key}].${path.join('.')}`;
    if (!spec.operators.includes(op)) {
      return this.fail(`The operator '${op}' is not supported by the '${fieldText}' field.`);
    }
    return spec.compile(this, op, terms, fieldText);
  }

  textClause(op: string, terms: Term[], get: (issue: SiteIssue) => string | null): Predicate {
    const term = terms[0];
    if (!term || term.kind !== 'value') return this.fail(`The operator '${op}' needs a text value.`);
    // Jira's text search matches words (with stemming); the sandbox checks that every word appears.
    const words = term.text
      .toLowerCase()
      .replace(/[*?"]/g, ' ')
      .split(/\s+/)
      .filter((w) => w !== '');
    const contains = (issue: SiteIssue): boolean => {
      const text = get(issue)?.toLowerCase() ?? '';
      return words.every((w) => text.includes(w));
    };
    return op === '~' ? contains : (issue) => !contains(issue);
  }

  resolveIssue(text: string, field: string, strict: boolean): SiteIssue | undefined {
    const issue = this.ctx.state.getIssue(text);
    // An issue the caller cannot see (project or issue security) does not exist for them.
    if (issue && this.ctx.visible(issue)) return issue;
    if (!strict) return undefined;
    if (!/^\d+$/.test(text) && !/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(text)) {
      this.errors.push(`The issue key '${text}' for field '${field}' is invalid.`);
    } else {
      this.errors.push(`An issue with key '${text}' does not exist for field '${field}'.`);
    }
    return undefined;
  }

  get state(): SiteState {
    return this.ctx.state;
  }

  get browsable(): ReadonlySet<string> {
    return this.ctx.browsable;
  }

  // ---- ORDER BY -----------------------------------------------------------------------------------------

  orderBy(orderBy: OrderBy | undefined): (a: SiteIssue, b: SiteIssue) => number {
    const { state } = this.ctx;
    const byId = (a: SiteIssue, b: SiteIssue): number => Number(a.id) - Number(b.id);
    if (!orderBy) {
      // No ORDER BY: newest first, like Jira's issue navigator.
      return (a, b) => b.created - a.created || byId(b, a);
    }
    if (orderBy.fields.length > MAX_ORDER_FIELDS) {
      this.errors.push(`The ORDER BY clause can contain a maximum of ${MAX_ORDER_FIELDS} fields.`);
    }
    const projectKey = (i: SiteIssue): string => state.projects.get(i.projectId)?.key ?? '';
    const userName = (accountId: string | null): string =>
      accountId === null ? '\uffff' : (state.getUser(accountId)?.displayName ?? accountId);
    const comparators: Array<(a: SiteIssue, b: SiteIssue) => number> = [];
    for (const f of orderBy.fields) {
      const name = f.field.value.toLowerCase();
      const desc = f.direction?.value === 'DESC';
      let cmp: ((a: SiteIssue, b: SiteIssue) => number) | undefined;
      const byText = (get: (i: SiteIssue) => string) => (a: SiteIssue, b: SiteIssue) => {
        const x = get(a);
        const y = get(b);
        return x < y ? -1 : x > y ? 1 : 0;
      };
      switch (name) {
        case 'key':
        case 'issuekey':
        case 'issue':
          cmp = (a, b) => byText(projectKey)(a, b) || a.number - b.number;
          break;
        case 'id':
          cmp = byId;
          break;
        case 'created':
        case 'createddate':
          cmp = (a, b) => a.created - b.created;
          break;
        case 'updated':
        case 'updateddate':
          cmp = (a, b) => a.updated - b.updated;
          break;
        case 'summary':
          cmp = byText((i) => i.summary.toLowerCase());
          break;
        case 'project':
          cmp = byText(projectKey);
          break;
        case 'issuetype':
        case 'type':
          cmp = byText((i) => state.issueType(i.issueTypeId).name);
          break;
        case 'status':
          cmp = byText((i) => state.status(i.statusId).name);
          break;
        case 'assignee':
          cmp = byText((i) => userName(i.assigneeId));
          break;
        case 'reporter':
          cmp = byText((i) => userName(i.reporterId));
          break;
        default:
          if (FIELDS.has(name) || name === 'issue.property') {
            this.errors.push(`Field '${f.field.value}' does not support sorting.`);
          } else {
            this.errors.push(
              `Field '${f.field.value}' does not exist or you do not have permission to view it.`,
            );
          }
      }
      if (cmp) {
        const c = cmp;
        comparators.push(desc ? (a, b) => c(b, a) : c);
      }
    }
    return (a, b) => {
      for (const c of comparators) {
        const r = c(a, b);
        if (r !== 0) return r;
      }
      return byId(a, b);
    };
  }
}

function propertyReader(key: string, path: string[]): (issue: SiteIssue) => string | null {
  return (issue) => {
    let value: unknown = issue.properties.get(key);
    for (const segment of path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
      value = (value as Record<string, unknown>)[segment];
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return null;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Field specs

interface FieldSpec {
  operators: readonly string[];
  compile(c: Compiler, op: string, terms: Term[], field: string): Predicate;
}

const userField = (get: (i: SiteIssue) => string | null, strict: boolean): FieldSpec => ({
  operators: EQUALITY,
  compile: (c, op, terms, field) => c.membership(op, terms, get, (t) => c.users(t, field, strict)),
});

const dateField = (get: (i: SiteIssue) => number): FieldSpec => ({
  operators: [...EQUALITY, ...COMPARISON],
  compile: (c, op, terms, field) => c.dateClause(op, terms, field, get),
});

const textField = (get: (i: SiteIssue) => string | null): FieldSpec => ({
  operators: ['~', '!~', 'is', 'is not'],
  compile: (c, op, terms) => {
    if (op === 'is') return (i) => (get(i) ?? '') === '';
    if (op === 'is not') return (i) => (get(i) ?? '') !== '';
    return c.textClause(op, terms, get);
  },
});

const projectField: FieldSpec = {
  operators: EQUALITY,
  compile: (c, op, terms, field) =>
    c.membership(
      op,
      terms,
      (i) => i.projectId,
      (t) => {
        const v = c.valueOnly(t);
        if (v === undefined) return [];
        const lower = v.toLowerCase();
        const project =
          c.state.getProject(v) ?? [...c.state.projects.values()].find((p) => p.name.toLowerCase() === lower);
        // A project the caller cannot browse does not exist for them.
        if (!project || !c.browsable.has(project.id)) {
          c.errors.push(`The value '${v}' does not exist for the field '${field}'.`);
          return [];
        }
        return [project.id];
      },
    ),
};

const issueTypeField: FieldSpec = {
  operators: EQUALITY,
  compile: (c, op, terms, field) =>
    c.membership(
      op,
      terms,
      (i) => i.issueTypeId,
      (t) => {
        if (t.kind === 'function') {
          const fn = t.name.toLowerCase();
          if (fn === 'standardissuetypes') return ISSUE_TYPES.filter((x) => !x.subtask).map((x) => x.id);
          if (fn === 'subtaskissuetypes') return ISSUE_TYPES.filter((x) => x.subtask).map((x) => x.id);
        }
        const v = c.valueOnly(t);
        if (v === undefined) return [];
        const type = ISSUE_TYPES.find((x) => x.id === v || x.name.toLowerCase() === v.toLowerCase());
        if (!type) {
          c.errors.push(`The value '${v}' does not exist for the field '${field}'.`);
          return [];
        }
        return [type.id];
      },
    ),
};

const statusField: FieldSpec = {
  operators: EQUALITY,
  compile: (c, op, terms, field) =>
    c.membership(
      op,
      terms,
      (i) => i.statusId,
      (t) => {
        const v = c.valueOnly(t);
        if (v === undefined) return [];
        const status = STATUSES.find((s) => s.id === v || s.name.toLowerCase() === v.toLowerCase());
        if (!status) {
          c.errors.push(`The value '${v}' does not exist for the field '${field}'.`);
          return [];
        }
        return [status.id];
      },
    ),
};

/** `level`: the issue security level, by name or id; the issues it finds are still only those the caller sees. */
const securityLevelField: FieldSpec = {
  operators: EQUALITY,
  compile: (c, op, terms, field) =>
    c.membership(
      op,
      terms,
      (i) => i.securityLevelId,
      (t) => {
        const v = c.valueOnly(t);
        if (v === undefined) return [];
        const lower = v.toLowerCase();
        const levels = [...c.state.securitySchemes.values()]
          .flatMap((scheme) => scheme.levels)
          .filter((level) => level.id === v || level.name.toLowerCase() === lower);
        if (levels.length === 0) {
          c.errors.push(`The value '${v}' does not exist for the field '${field}'.`);
          return [];
        }
        return levels.map((level) => level.id);
      },
    ),
};

const statusCategoryField: FieldSpec = {
  operators: EQUALITY,
  compile: (c, op, terms, field) =>
    c.membership(
      op,
      terms,
      (i) => categoryOf(c.state.status(i.statusId)).key,
      (t) => {
        const v = c.valueOnly(t);
        if (v === undefined) return [];
        const lower = v.toLowerCase();
        const category = STATUS_CATEGORIES.find(
          (x) => String(x.id) === v || x.key === lower || x.name.toLowerCase() === lower,
        );
        if (!category) {
          c.errors.push(`The value '${v}' does not exist for the field '${field}'.`);
          return [];
        }
        return [category.key];
      },
    ),
};

const parentField: FieldSpec = {
  operators: EQUALITY,
  compile: (c, op, terms, field) =>
    c.membership(
      op,
      terms,
      (i) => i.parentId,
      (t) => {
        const v = c.valueOnly(t);
        if (v === undefined) return [];
        // Lenient: a parent that no longer exists simply matches nothing, so a batch of `parent in (...)`
        // searches does not fail because one epic was deleted in between.
        const parent = c.resolveIssue(v, field, false);
        return parent ? [parent.id] : [];
      },
    ),
};

const keyField: FieldSpec = {
  operators: [...EQUALITY, ...COMPARISON],
  compile: (c, op, terms, field) => {
    if ((COMPARISON as readonly string[]).includes(op)) {
      const term = terms[0];
      const v = term && term.kind !== 'empty' ? c.valueOnly(term) : undefined;
      const bound = v === undefined ? undefined : c.resolveIssue(v, field, true);
      if (!bound) return never;
      const test = {
        '>': (d: number) => d > 0,
        '>=': (d: number) => d >= 0,
        '<': (d: number) => d < 0,
        '<=': (d: number) => d <= 0,
      }[op as (typeof COMPARISON)[number]];
      return (i) => i.projectId === bound.projectId && test(i.number - bound.number);
    }
    return c.membership(
      op,
      terms,
      (i) => i.id,
      (t) => {
        const v = c.valueOnly(t);
        const issue = v === undefined ? undefined : c.resolveIssue(v, field, true);
        return issue ? [issue.id] : [];
      },
    );
  },
};

const exactValues = (c: Compiler, t: Exclude<Term, { kind: 'empty' }>): string[] => {
  const v = c.valueOnly(t);
  return v === undefined ? [] : [v];
};

/** A field for an indexed entity-property path, by the type the manifest gives it. */
function indexedField(entry: IndexedPath): FieldSpec {
  const get = propertyReader(entry.propertyKey, entry.path.split('.'));
  switch (entry.type) {
    // Any account id a property holds is indexed, known to the site or not.
    case 'user':
      return userField(get, false);
    case 'text':
      return textField(get);
    case 'string':
      return {
        operators: EQUALITY,
        compile: (c, op, terms) => c.membership(op, terms, get, (t) => exactValues(c, t)),
      };
    case 'number': {
      const asNumber = (text: string | null): string | null =>
        text === null || text.trim() === '' || Number.isNaN(Number(text)) ? null : String(Number(text));
      return {
        operators: [...EQUALITY, ...COMPARISON],
        compile: (c, op, terms, field) => {
          if (!(COMPARISON as readonly string[]).includes(op)) {
            return c.membership(
              op,
              terms,
              (i) => asNumber(get(i)),
              (t) => exactValues(c, t).flatMap((v) => asNumber(v) ?? []),
            );
          }
          const term = terms[0];
          const bound = term && term.kind === 'value' ? asNumber(term.text) : null;
          if (bound === null) {
            c.errors.push(`The value for field '${field}' must be a number.`);
            return never;
          }
          const b = Number(bound);
          const test = {
            '>': (n: number) => n > b,
            '>=': (n: number) => n >= b,
            '<': (n: number) => n < b,
            '<=': (n: number) => n <= b,
          }[op as (typeof COMPARISON)[number]];
          return (i) => {
            const n = asNumber(get(i));
            return n !== null && test(Number(n));
          };
        },
      };
    }
    case 'date':
      return dateField((i) => {
        const text = get(i);
        return text === null ? Number.NaN : Date.parse(text);
      });
  }
}

const FIELDS = new Map<string, FieldSpec>([
  ['project', projectField],
  ['issuetype', issueTypeField],
  ['type', issueTypeField],
  ['parent', parentField],
  ['status', statusField],
  ['statuscategory', statusCategoryField],
  ['key', keyField],
  ['issuekey', keyField],
  ['id', keyField],
  ['issue', keyField],
  ['created', dateField((i) => i.created)],
  ['createddate', dateField((i) => i.created)],
  ['updated', dateField((i) => i.updated)],
  ['updateddate', dateField((i) => i.updated)],
  ['assignee', userField((i) => i.assigneeId, true)],
  ['reporter', userField((i) => i.reporterId, true)],
  ['summary', textField((i) => i.summary)],
  ['text', textField((i) => i.summary)],
  ['level', securityLevelField],
]);
