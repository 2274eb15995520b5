// The --help texts. Kept under 80 columns, like the table.

export const MAIN_HELP = `role-split: a PM owner on every epic, a PO owner on every story.

Usage:
  role-split audit --site URL --project KEY [options]
  role-split audit --demo [options]
  role-split assign (--site URL | --demo) --file owners.csv [options]
  role-split export-owners --site URL --project KEY
  role-split export-owners --demo [--project KEY]
  role-split <command> --help
  role-split --version

Commands:
  audit          Report the PM / PO gaps of Jira projects, as a table, JSON
                 or CSV, with an exit status for CI.
  assign         Set PM / PO owners in bulk from a CSV file or a user-picker
                 custom field.
  export-owners  Print a project's owners as the CSV assign reads.

Options:
  -h, --help      This help.
  -v, --version   The version of role-split.
`;

export const AUDIT_HELP = `Usage: role-split audit --site URL --project KEY [options]
       role-split audit --demo [--project KEY] [options]

Runs Role Split's scan and gap rules against a Jira Cloud site, or against the
embedded demo site, and prints a report on stdout.

Target:
  --site URL          A Jira Cloud site, e.g. https://your-site.atlassian.net.
                      Credentials come only from the environment:
                      JIRA_EMAIL and JIRA_API_TOKEN (never flags).
  --demo              The embedded demo site; no set-up needed. --project
                      defaults to the demo project, SHOP.

Options:
  -p, --project KEY   Project(s) to audit; repeatable, or KEY1,KEY2. Required
                      with --site.
  -f, --format F      table (default), json or csv.
  --fail-on S         error (default), warning or never: exit 1 when a gap
                      reaches this severity.
  --pm-role NAME      Project role whose members may be PM (overrides the
                      project's stored policy; default "Product Manager").
  --po-role NAME      Project role whose members may be PO (overrides the
                      project's stored policy; default "Product Owner").
  --types A,B         Execution issue types in scope (overrides the stored
                      policy; default Story); each must be a level-0 issue
                      type of the projects.
  --include-done      Also check issues in the Done status category.
  --roster FILE       JSON { "pm": [accountId...], "po": [accountId...] }:
                      the eligible people, for tokens that cannot read project
                      role members (that needs Administer Projects).
  -h, --help          This help.
  -v, --version       The version of role-split.

The policy is each project's role-split-policy property (the settings page
saves it); the flags above override it only when given. Waivers are not read.
The report's "policy" says what was applied (the first project's).

Exit status:
  0  no gap reaches --fail-on
  1  a gap reaches --fail-on
  2  usage, credentials, permission or network trouble, or a project could
     not be read (wins over 1)
`;

export const ASSIGN_HELP = `Usage: role-split assign (--site URL | --demo) --file owners.csv [options]
       role-split assign (--site URL | --demo) --project KEY --from-field FIELD
                         --role pm|po [--overwrite] [options]

Sets PM and PO owners in bulk, with the app's rules: each row is applied
whole or refused with a reason, and the report on stdout says which.

Source:
  --file FILE         CSV with a header row holding issueKey, role (pm or po)
                      and accountId or email (accountId wins when a row has
                      both); other columns are ignored. An empty person
                      clears the slot. role-split export-owners writes this
                      format.
  --from-field FIELD  Backfill from a single-user picker custom field (its
                      name or id, e.g. customfield_10050) on the issues of
                      --project, into the --role slot. Only empty slots are
                      filled unless --overwrite.

Target:
  --site URL          A Jira Cloud site; credentials only from JIRA_EMAIL and
                      JIRA_API_TOKEN. The token's user is recorded as setBy
                      and needs Edit Issues on the issues.
  --demo              The embedded demo site; --project (for --from-field)
                      defaults to the demo project, SHOP.

Options:
  --dry-run           Write nothing; report what would happen.
  -f, --format F      table (default) or json.
  --pm-role NAME      Override the project's stored policy: the project role
  --po-role NAME      whose members may be PM / PO.
  --types A,B         Override the execution issue types in scope.
  --roster FILE       JSON { "pm": [accountId...], "po": [accountId...] }: the
                      eligible people, for tokens that cannot read project
                      role members.
  -h, --help          This help.

Refusals: INVALID_ROW, AMBIGUOUS_USER, ISSUE_NOT_FOUND, NO_EDIT_PERMISSION,
WRONG_ROLE_FOR_LEVEL, OUT_OF_SCOPE, NOT_ELIGIBLE, OWNERSHIP_INVALID,
WRITE_FAILED, NOT_ATTEMPTED (the run stopped before the row).

Exit status:
  0  no row refused
  1  some rows refused (the others applied)
  2  usage, file, credentials, roster or network trouble (rows not reached
     are NOT_ATTEMPTED in the report)
`;

export const EXPORT_OWNERS_HELP = `Usage: role-split export-owners --site URL --project KEY [options]
       role-split export-owners --demo [--project KEY] [options]

Prints a project's owners as CSV (issueKey,role,accountId,displayName,email,
summary): the file role-split assign --file reads, so exporting and
importing again changes nothing.

Options:
  --site URL          A Jira Cloud site; credentials only from JIRA_EMAIL and
                      JIRA_API_TOKEN.
  --demo              The embedded demo site; --project defaults to the
                      demo project, SHOP (as for audit).
  -p, --project KEY   The project to export. Required with --site.
  --types A,B         Override the execution issue types in scope.
  -h, --help          This help.

Exit status: 0 exported, 2 usage, credentials, permission or network trouble.
`;
