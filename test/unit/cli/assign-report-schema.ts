// The published JSON Schema of the assign report (schemas/assign-report.v1.schema.json), compiled strict with
// ajv's draft 2020-12 engine, as the audit's is (./report-schema.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const schemaPath = join(import.meta.dirname, '../../../schemas/assign-report.v1.schema.json');

function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

const validate = compile();

/** The schema's complaints about `report`, as readable lines; empty when it conforms. */
export function assignReportSchemaErrors(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
