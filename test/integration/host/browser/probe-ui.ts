// The probe app's Custom UI: the real @forge/bridge, bundled by the test with esbuild, calling everything the
// host's shim serves. It writes what it got into #out for the browser test to read. Inside a bridge Modal it
// shows a button that closes the modal with data for the opener's onClose; elsewhere a button opens one.
import { Modal, events, invoke, requestJira, router, showFlag, view } from '@forge/bridge';

interface ProbeContext {
  moduleKey: string;
  extension: { type: string; issue?: { key: string }; modal?: { pick?: string } };
}

function button(id: string, text: string, onClick: () => void): void {
  const node = document.createElement('button');
  node.id = id;
  node.textContent = text;
  node.addEventListener('click', onClick);
  document.body.append(node);
}

async function run(): Promise<void> {
  // Every JIRA_ISSUE_CHANGED the page sends, for the test to read.
  const issueChanges: unknown[] = [];
  await events.on('JIRA_ISSUE_CHANGED', (payload) => {
    issueChanges.push(payload);
    document.body.dataset.issueChanged = JSON.stringify(issueChanges);
  });
  const out: Record<string, unknown> = {};
  const context = (await view.getContext()) as unknown as ProbeContext;
  out.context = context;
  const heading = document.getElementById('heading');
  if (heading)
    heading.textContent = `${context.moduleKey} on ${context.extension.issue?.key ?? 'the project'}`;
  await view.theme.enable();
  out.colorMode = document.documentElement.getAttribute('data-color-mode');
  if (context.extension.modal) {
    button('close-modal', 'Done', () => void view.close({ chosen: context.extension.modal?.pick }));
    document.body.dataset.done = '1';
    return;
  }
  out.whoami = await invoke('whoami', {});
  const response = await requestJira('/rest/api/3/myself');
  out.myself = { status: response.status, body: (await response.json()) as unknown };
  showFlag({
    id: 'probe-flag',
    title: 'Probe flag',
    type: 'info',
    actions: [{ text: 'Act', onClick: () => (document.body.dataset.flagAction = 'clicked') }],
  });
  const navigate = document.createElement('button');
  navigate.id = 'navigate';
  navigate.textContent = 'Go';
  navigate.addEventListener('click', () => void router.navigate(`/browse/${String(navigate.dataset.key)}`));
  document.body.append(navigate);
  button('open-modal', 'Pick an owner', () => {
    void new Modal({
      title: 'Pick an owner',
      context: { pick: 'pm' },
      onClose: (payload?: unknown) => (document.body.dataset.modalClosed = JSON.stringify(payload ?? null)),
    }).open();
  });
  const outNode = document.getElementById('out');
  if (outNode) outNode.textContent = JSON.stringify(out);
  document.body.dataset.done = '1';
}

run().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  const outNode = document.getElementById('out');
  if (outNode) outNode.textContent = String(error);
});

export {};
