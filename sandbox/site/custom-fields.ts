// The site's custom fields: two user pickers the demo's "before Role Split" owners live in, the way teams
// kept PM/PO names before (`role-split assign --from-field` backfills from them). `GET /rest/api/3/field`
// lists them beside the system fields; issues carry their values (SiteIssue.customFields: an account id for a
// single-user picker, a list of account ids for a multi-user picker), returned by search, bulkfetch and GET
// issue when asked for by id (or with `*all`), as Jira returns a user picker's value: a user object, a list of
// them, or null when empty.

export type CustomFieldId = `customfield_${number}`;

export interface CustomFieldDefinition {
  id: CustomFieldId;
  name: string;
  /** Jira's JsonTypeBean for the field. */
  schema: { type: 'user' | 'array'; items?: 'user'; custom: string; customId: number };
}

const USER_PICKER = 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker';
const MULTI_USER_PICKER = 'com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker';

export const CUSTOM_FIELDS = {
  /** Single-user picker: the PO a team recorded before Role Split. */
  legacyProductOwner: {
    id: 'customfield_10100',
    name: 'Product Owner (legacy)',
    schema: { type: 'user', custom: USER_PICKER, customId: 10100 },
  },
  /** Multi-user picker: not a single owner, so a backfill from it refuses rows holding several people. */
  stakeholders: {
    id: 'customfield_10101',
    name: 'Stakeholders',
    schema: { type: 'array', items: 'user', custom: MULTI_USER_PICKER, customId: 10101 },
  },
} as const satisfies Record<string, CustomFieldDefinition>;

export const CUSTOM_FIELD_LIST: readonly CustomFieldDefinition[] = Object.values(CUSTOM_FIELDS);

const CUSTOM_FIELD_PATTERN = /^customfield_\d+$/;

export function isCustomFieldId(name: string): name is CustomFieldId {
  return CUSTOM_FIELD_PATTERN.test(name);
}

export function customFieldById(id: string): CustomFieldDefinition | undefined {
  return CUSTOM_FIELD_LIST.find((f) => f.id === id);
}

/** A custom field as `GET /rest/api/3/field` lists it (FieldDetails). */
export function customFieldJson(field: CustomFieldDefinition): Record<string, unknown> {
  return {
    id: field.id,
    key: field.id,
    name: field.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${field.schema.customId}]`, field.name],
    schema: { ...field.schema },
  };
}
