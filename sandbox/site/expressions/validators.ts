// The installed app's workflow validators, read from manifest.yml (`jira:workflowValidator` modules with an
// `expression`), and how Jira runs them on a transition: the expression's `true` allows it, a String refuses it
// with that String as the message, anything else — `false`, another value, a failed evaluation — refuses it
// with the module's `errorMessage`. Never on the create transition (the site's create does not call this).
// A validator the sandbox cannot evaluate (a construct outside its subset, a `function` validator) is not
// passed or refused quietly: the transition fails with a message naming what the sandbox does not do.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { findManifest } from '../property-index';
import { evaluate, EvaluationError, type Value } from './evaluate';
import { ExpressionSyntaxError, UnsupportedConstruct, parseExpression, type Parsed } from './syntax';

export interface WorkflowValidator {
  key: string;
  name: string;
  /** null: a `function` validator (the app is called), which the sandbox does not run. */
  expression: string | null;
  /** A fixed message, or an expression that computes it. */
  errorMessage: { text: string } | { expression: string } | null;
  projectTypes: string[];
}

const moduleSchema = z
  .object({
    key: z.string().min(1),
    name: z
      .union([z.string(), z.object({ i18n: z.string() })])
      .transform((n) => (typeof n === 'string' ? n : n.i18n)),
    expression: z.string().optional(),
    function: z.string().optional(),
    errorMessage: z
      .union([z.string(), z.object({ expression: z.string() }), z.object({ i18n: z.string() })])
      .optional(),
    projectTypes: z.array(z.string()).default(['company-managed']),
  })
  .loose();

const manifestSchema = z.object({
  modules: z
    .object({ 'jira:workflowValidator': z.array(moduleSchema).optional() })
    .loose()
    .optional(),
});

/** The validators a manifest declares. Throws on one that cannot be read. */
export function parseWorkflowValidators(manifestText: string): WorkflowValidator[] {
  const parsed = manifestSchema.safeParse(parse(manifestText));
  if (!parsed.success)
    throw new Error(`manifest.yml: jira:workflowValidator is not usable: ${parsed.error.message}`);
  return (parsed.data.modules?.['jira:workflowValidator'] ?? []).map((m) => ({
    key: m.key,
    name: m.name,
    expression: m.expression ?? null,
    errorMessage:
      m.errorMessage === undefined
        ? null
        : typeof m.errorMessage === 'string'
          ? { text: m.errorMessage }
          : 'expression' in m.errorMessage
            ? { expression: m.errorMessage.expression }
            : { text: m.errorMessage.i18n },
    projectTypes: m.projectTypes,
  }));
}

/** The validators of the manifest found from the working directory; none without one. */
export function manifestWorkflowValidators(): WorkflowValidator[] {
  const path = findManifest();
  return path === undefined ? [] : parseWorkflowValidators(readFileSync(path, 'utf8'));
}

/** Jira's own words when a validator fails without a message of its own. */
export const DEFAULT_VALIDATOR_MESSAGE = 'Validation failed.';

export type ValidatorOutcome =
  | { kind: 'allowed' }
  | { kind: 'refused'; validator: string; message: string; detail: string | null }
  | { kind: 'unsupported'; validator: string; message: string };

/** The parse of each expression text, kept: the manifest's few expressions are parsed once. */
const parsedCache = new Map<string, Parsed>();
function parsedOf(expression: string): Parsed {
  let parsed = parsedCache.get(expression);
  if (!parsed) {
    parsed = parseExpression(expression);
    parsedCache.set(expression, parsed);
  }
  return parsed;
}

function unsupported(validator: WorkflowValidator, reason: string): ValidatorOutcome {
  return {
    kind: 'unsupported',
    validator: validator.key,
    message: `The sandbox cannot run workflow validator ${validator.key} ("${validator.name}"): ${reason} Nothing was changed.`,
  };
}

/**
 * Runs `validators` in order against `variables` (issue, project, user, transition); the first that does not
 * allow the transition decides. Validators of a project type the project is not (always company-managed here
 * unless `projectType` says otherwise) are skipped, as Jira only offers them there.
 */
export function runValidators(
  validators: readonly WorkflowValidator[],
  variables: Record<string, Value>,
  projectType: 'company-managed' | 'team-managed' = 'company-managed',
): ValidatorOutcome {
  for (const validator of validators) {
    if (!validator.projectTypes.includes(projectType)) continue;
    if (validator.expression === null)
      return unsupported(validator, 'it calls a function, which the sandbox does not run.');
    let value: Value;
    let detail: string | null = null;
    try {
      value = evaluate(parsedOf(validator.expression), variables).value;
    } catch (error) {
      if (error instanceof UnsupportedConstruct) return unsupported(validator, error.message);
      if (!(error instanceof EvaluationError) && !(error instanceof ExpressionSyntaxError)) throw error;
      // Jira fails the validator when its expression fails: the transition is refused with errorMessage.
      value = null;
      detail = `Evaluation failed: ${error.message}`;
    }
    if (value === true) continue;
    if (typeof value === 'string')
      return { kind: 'refused', validator: validator.key, message: value, detail };
    let message = DEFAULT_VALIDATOR_MESSAGE;
    if (validator.errorMessage && 'text' in validator.errorMessage) message = validator.errorMessage.text;
    else if (validator.errorMessage) {
      try {
        const computed = evaluate(parsedOf(validator.errorMessage.expression), variables).value;
        if (typeof computed === 'string') message = computed;
      } catch (error) {
        if (error instanceof UnsupportedConstruct) return unsupported(validator, error.message);
        if (!(error instanceof EvaluationError) && !(error instanceof ExpressionSyntaxError)) throw error;
      }
    }
    return { kind: 'refused', validator: validator.key, message, detail };
  }
  return { kind: 'allowed' };
}
