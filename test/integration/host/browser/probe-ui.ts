// The probe app's Custom UI: the real @forge/bridge, bundled by the test with esbuild, calling everything the
// host's shim serves. It writes what it got into #out for the browser test to read.
import { invoke, requestJira, router, showFlag, view } from '@forge/bridge';

async function run(): Promise<void> {
  const out: Record<string, unknown> = {};
  out.context = await view.getContext();
  await view.theme.enable();
  out.colorMode = document.documentElement.getAttribute('data-color-mode');
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
  const outNode = document.getElementById('out');
  if (outNode) outNode.textContent = JSON.stringify(out);
  document.body.dataset.done = '1';
}

run().catch((error: unknown) => {
  document.body.dataset.error = String(error);
});

export {};
