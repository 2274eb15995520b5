// The sandbox's Jira expression subset, construct by construct, and its loud refusal of everything else.
import { describe, expect, it } from '@jest/globals';
import {
  EvaluationError,
  ExpressionSyntaxError,
  UnsupportedConstruct,
  evaluate,
  parseExpression,
  toJson,
} from '../../../sandbox/site/expressions';
import { variables } from './support';

const ctx = variables(
  { typeName: 'Epic', level: 1, ownership: { schema: 1, pm: { accountId: 'pm-1' } } },
  { schema: 1, enabled: true, executionTypes: ['Story', 'Task'] },
);
const run = (expression: string) => toJson(evaluate(parseExpression(expression), ctx).value);
const failure = (expression: string): unknown => {
  try {
    run(expression);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${expression} to fail`);
};

describe('the subset', () => {
  it('literals: strings (both quotes, escapes), numbers, true, false, null, lists', () => {
    expect(run(`"a\\"b"`)).toBe('a"b');
    expect(run(`'it\\'s'`)).toBe("it's");
    expect(run('12.5')).toBe(12.5);
    expect(run('[true, false, null, "x"]')).toEqual([true, false, null, 'x']);
  });

  it('static member access on context variables', () => {
    expect(run('issue.key')).toBe('SHOP-1');
    expect(run('issue.issueType.hierarchyLevel')).toBe(1);
    expect(run('issue.issueType.name')).toBe('Epic');
    expect(run('project.key')).toBe('SHOP');
    expect(run('user.accountId')).toBe('user-1');
    expect(run('issue.status.category.key')).toBe('new');
  });

  it('computed member access: entity properties by key (null when absent), JSON maps, lists, entity members', () => {
    expect(run('issue.properties["role-split-ownership"].pm.accountId')).toBe('pm-1');
    expect(run('issue.properties["nothing-here"]')).toBeNull();
    expect(run('project.properties["role-split-policy"]["executionTypes"][1]')).toBe('Task');
    expect(run('project.properties["role-split-policy"].executionTypes[5]')).toBeNull();
    expect(run('issue["key"]')).toBe('SHOP-1');
    expect(run('issue.properties.get("role-split-ownership").schema')).toBe(1);
    expect(run('issue.properties.keys()')).toEqual(['role-split-ownership']);
  });

  it('optional chaining: ?. stops at null for the rest of the chain; plain access on null fails', () => {
    expect(run('issue.properties["nothing"]?.pm.accountId')).toBeNull();
    expect(run('issue.properties["nothing"]?.["pm"]')).toBeNull();
    expect(run('issue.properties["role-split-ownership"]?.po?.accountId')).toBeNull();
    expect(failure('issue.properties["nothing"].pm')).toBeInstanceOf(EvaluationError);
  });

  it('== and != compare values (JSON lists and maps by content), never across types', () => {
    expect(run('issue.key == "SHOP-1"')).toBe(true);
    expect(run('issue.id != 10001')).toBe(false);
    expect(run('issue.id == "10001"')).toBe(false);
    expect(run('project.properties["role-split-policy"].executionTypes == ["Story", "Task"]')).toBe(true);
    expect(run('null == issue.properties["nothing"]')).toBe(true);
  });

  it('&&, || (short-circuit) and ! on Booleans', () => {
    expect(run('true && false')).toBe(false);
    expect(run('false || true')).toBe(true);
    expect(run('!true')).toBe(false);
    // The right side is not evaluated when the left decides: no failure on the null access.
    expect(run('false && issue.properties["nothing"].x')).toBe(false);
    expect(run('true || issue.properties["nothing"].x')).toBe(true);
  });

  it('string results: a conditional yields true or a message, + joins strings', () => {
    expect(
      run('issue.issueType.hierarchyLevel > 0 ? "This " + issue.issueType.name + " needs a PM" : true'),
    ).toBe('This Epic needs a PM');
    expect(run('1 + 2')).toBe(3);
    expect(run('"n=" + 2')).toBe('n=2');
  });

  it('comparisons on Numbers; a Number compared to a String fails as in Jira', () => {
    expect(run('issue.issueType.hierarchyLevel >= 1')).toBe(true);
    expect(run('issue.issueType.hierarchyLevel < 0')).toBe(false);
    expect(String(failure('issue.id > "0"'))).toMatch(/Can't compare Number to String\./);
  });

  it('List.includes and String.includes', () => {
    expect(run('project.properties["role-split-policy"].executionTypes.includes(issue.issueType.name)')).toBe(
      false,
    );
    expect(run('["Epic"].includes(issue.issueType.name)')).toBe(true);
    expect(run('issue.key.includes("SHOP")')).toBe(true);
    expect(run('issue.key.length')).toBe(6);
  });

  it('a member Jira does not have is its "Unrecognized property" error', () => {
    expect(String(failure('issue.nope'))).toMatch(/Unrecognized property of `Issue`: "nope"/);
    expect(String(failure('nobody'))).toMatch(/Unrecognized identifier: "nobody"/);
  });

  it('a syntax error says what was expected and what was found, with the position', () => {
    const error = failure('issue.key ==');
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect((error as ExpressionSyntaxError).at).toEqual({ line: 1, column: 13 });
  });
});

describe('anything else fails loudly, naming the construct', () => {
  const cases: Array<[string, RegExp]> = [
    ['issue.comments.length', /Issue\.comments/],
    ['[1].map(c => c)', /arrow function/],
    ['let x = 1; x', /variable \(let\)/],
    ['typeof issue', /typeof/],
    ['new Issue(1)', /constructor call/],
    ['`a${1}`', /template literal/],
    ['{ a: 1 }', /object literal/],
    ['2 - 1', /subtraction/],
    ['issue.id * 2', /multiplication/],
    ['issue.properties["x"] ?? "y"', /nullish coalescing/],
    ['issue.key === "A"', /strict equality/],
    ['issue.key.toLowerCase()', /method String\.toLowerCase\(\)/],
    ['issue.properties.myKey', /EntityProperties\.myKey/],
    ['issue.assignee', /Issue\.assignee/],
    ['issue.customfield_10010', /Issue\.customfield_10010/],
    ['issue.key ? 1 : 2', /\? : on a String value/],
    ['!issue.key', /! on a String value/],
    ['issue.key && true', /&& on a String value/],
    ['issue.key // note', /comment/],
  ];
  it.each(cases)('%s', (expression, construct) => {
    const error = failure(expression);
    expect(error).toBeInstanceOf(UnsupportedConstruct);
    expect((error as Error).message).toMatch(construct);
    expect((error as Error).message).toMatch(/The sandbox does not evaluate this Jira expression construct/);
  });

  it('says where the construct is', () => {
    const error = failure('issue.key == "A" &&\n  [1].map(x => x)') as UnsupportedConstruct;
    expect(error.at).toEqual({ line: 2, column: 13 });
  });
});
