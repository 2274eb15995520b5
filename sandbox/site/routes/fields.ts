// `GET /rest/api/3/field`: the system fields the site serves and its custom fields (../custom-fields.ts), as
// FieldDetails. Any signed-in caller may list fields, as in Jira.
import { CUSTOM_FIELD_LIST, customFieldJson } from '../custom-fields';
import { FIELD_NAMES, ISSUE_FIELDS } from '../representations';
import type { Router } from '../router';

const SYSTEM_SCHEMA: Record<(typeof ISSUE_FIELDS)[number], { type: string; system: string }> = {
  summary: { type: 'string', system: 'summary' },
  issuetype: { type: 'issuetype', system: 'issuetype' },
  status: { type: 'status', system: 'status' },
  created: { type: 'datetime', system: 'created' },
  updated: { type: 'datetime', system: 'updated' },
  parent: { type: 'issuelink', system: 'parent' },
  project: { type: 'project', system: 'project' },
  assignee: { type: 'user', system: 'assignee' },
  reporter: { type: 'user', system: 'reporter' },
  security: { type: 'securitylevel', system: 'security' },
};

function listFields() {
  const system = ISSUE_FIELDS.map((id) => ({
    id,
    key: id,
    name: FIELD_NAMES[id],
    custom: false,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [id],
    schema: SYSTEM_SCHEMA[id],
  }));
  return { status: 200, body: [...system, ...CUSTOM_FIELD_LIST.map(customFieldJson)] };
}

export function registerFieldRoutes(router: Router): void {
  router.add('GET', '/rest/api/3/field', listFields);
}
