// How an admin makes Jira itself refuse to start work that has no owner: the app's workflow validator
// (manifest.yml `jira:workflowValidator`, src/app/workflow/validator.ts). Jira offers no API for an app to add a
// validator to a workflow, so the page explains the few clicks, for each kind of project.
export function WorkflowHelp({ style }: { style: 'company-managed' | 'team-managed' }) {
  return (
    <section
      className="rs-settings-section"
      aria-labelledby="rs-settings-workflow-heading"
      data-testid="settings-workflow-help"
    >
      <h2 id="rs-settings-workflow-heading" className="rs-settings-h2">
        Enforce owners in your workflow
      </h2>
      <p className="rs-settings-sub">
        The workflow validator <strong>Role Split: owner required</strong> stops an epic without a Product
        Manager, or a story without a Product Owner, from moving, and tells the person how to fix it.
        Sub-tasks, types Role Split does not track and projects where it is off are never stopped. Add it to
        the transitions that start or finish work (for example &ldquo;In Progress&rdquo;), never to Create.
      </p>
      {style === 'team-managed' ? (
        <p className="rs-settings-sub" data-testid="settings-workflow-steps">
          A project admin: Project settings › Workflow › select the transition › Add rule › &ldquo;Role Split:
          owner required&rdquo; › Save.
        </p>
      ) : (
        <p className="rs-settings-sub" data-testid="settings-workflow-steps">
          A Jira admin: Project settings › Workflows › edit the workflow › select the transition › Rules
          (Validators) › Add rule › &ldquo;Role Split: owner required&rdquo; › Add, then publish the workflow.
        </p>
      )}
      <p className="rs-settings-sub">
        It checks only that the owner is set: waivers and the grace period do not apply to it.
      </p>
    </section>
  );
}
