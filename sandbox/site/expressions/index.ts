// The sandbox's Jira expressions: a documented subset, parsed, type-checked and evaluated against the site's
// data, for workflow validators on transitions and for `POST /expression/analyse` and `/expression/evaluate`.
export { analyseExpression, type Analysis, type AnalysisError, type Check } from './analyse';
export { issueEntity, projectEntity, transitionEntity, userEntity } from './context';
export { Entity, EntityPropertiesValue, EvaluationError, evaluate, toJson, type Value } from './evaluate';
export {
  EXPRESSION_LIMITS,
  ExpressionSyntaxError,
  UnsupportedConstruct,
  countLeaves,
  parseExpression,
  type Parsed,
} from './syntax';
export {
  DEFAULT_VALIDATOR_MESSAGE,
  manifestWorkflowValidators,
  parseWorkflowValidators,
  runValidators,
  type ValidatorOutcome,
  type WorkflowValidator,
} from './validators';
