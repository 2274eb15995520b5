// What the Forge platform puts in `req.context.extension` for each UI module, parsed with zod. Forge sends ids
// as strings; numbers are accepted too so a platform change does not break the app. Unknown fields are kept
// out of the parsed value.
import { z } from 'zod';

const id = z.union([z.string().min(1), z.number()]).transform(String);
const projectRef = z.object({ id, key: z.string().min(1) });

export const issuePanelContext = z.object({
  extension: z.object({
    type: z.literal('jira:issuePanel').optional(),
    issue: z.object({ id, key: z.string().min(1) }),
    project: projectRef,
  }),
});
export type IssuePanelContext = z.output<typeof issuePanelContext>;

/** Either issue module (the full panel or the compact context section): both name the issue and project. */
export const issueViewContext = z.object({
  extension: z.object({
    type: z.enum(['jira:issuePanel', 'jira:issueContext']).optional(),
    issue: z.object({ id, key: z.string().min(1) }),
    project: projectRef,
  }),
});
export type IssueViewContext = z.output<typeof issueViewContext>;

export const projectPageContext = z.object({
  extension: z.object({
    type: z.string().optional(),
    project: projectRef,
  }),
});
export type ProjectPageContext = z.output<typeof projectPageContext>;

/** The project settings page (`jira:projectSettingsPage`): the project whose settings are shown. */
export const projectSettingsPageContext = z.object({
  extension: z.object({
    type: z.literal('jira:projectSettingsPage').optional(),
    project: projectRef,
  }),
});
export type ProjectSettingsPageContext = z.output<typeof projectSettingsPageContext>;
