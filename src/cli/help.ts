// The --help texts. Kept under 80 columns, like the table.

export const MAIN_HELP = `role-split: a PM owner on every epic, a PO owner on every story.

Usage:
  role-split audit --site URL --project KEY [options]
  role-split audit --demo [options]
  role-split audit --help
  role-split --version

Commands:
  audit   Report the PM / PO gaps of Jira projects, as a table, JSON or CSV,
          with an exit status for CI.

Options:
  -h, --help      This help.
  -v, --version   The version of role-split.
`;

export const AUDIT_HELP = `Usage: role-split audit (--site URL | --demo) --project KEY [options]

Runs Role Split's scan and gap rules against a Jira Cloud site, or against the
embedded demo site, and prints a report on stdout.

Target:
  --site URL          A Jira Cloud site, e.g. https://your-site.atlassian.net.
                      Credentials come only from the environment:
                      JIRA_EMAIL and JIRA_API_TOKEN (never flags).
  --demo              The embedded demo site; no set-up needed. --project
                      defaults to the demo project.

Options:
  -p, --project KEY   Project(s) to audit; repeatable, or KEY1,KEY2. Required
                      with --site.
  -f, --format F      table (default), json or csv.
  --fail-on S         error (default), warning or never: exit 1 when a gap
                      reaches this severity.
  --pm-role NAME      Project role whose members may be PM
                      (default "Product Manager").
  --po-role NAME      Project role whose members may be PO
                      (default "Product Owner").
  --types A,B         Execution issue types in scope (default Story); each
                      must be a level-0 issue type of the projects.
  --include-done      Also check issues in the Done status category.
  --roster FILE       JSON { "pm": [accountId...], "po": [accountId...] }:
                      the eligible people, for tokens that cannot read project
                      role members (that needs Administer Projects).
  -h, --help          This help.
  -v, --version       The version of role-split.

Waivers, grace periods and rule switches stored in the app are not read: the
CLI uses the defaults, and the report's "policy" says what it used.

Exit status:
  0  no gap reaches --fail-on
  1  a gap reaches --fail-on
  2  usage, credentials, permission or network trouble, or a project could
     not be read (wins over 1)
`;
