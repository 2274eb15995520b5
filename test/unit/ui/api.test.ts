// `call` over a stand-in for Forge's bridge (the same seam the real `@forge/bridge` uses:
// `globalThis.__bridge.callBridge('invoke', { functionKey, payload })`).
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { call as callType } from '../../../static/src/api';

type CallBridge = (type: string, payload?: unknown) => Promise<unknown>;
const callBridge = jest.fn<CallBridge>();
const globals = globalThis as { __bridge?: { callBridge: CallBridge } };

let call: typeof callType;

beforeAll(async () => {
  // @forge/bridge looks the bridge up while loading, so it must exist before the first import.
  globals.__bridge = { callBridge };
  ({ call } = await import('../../../static/src/api'));
});

afterAll(() => {
  delete globals.__bridge;
});

beforeEach(() => {
  callBridge.mockReset();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('call', () => {
  it('sends the resolver key and payload through the bridge and returns the data', async () => {
    const view = { project: { id: '1', key: 'SHOP', name: 'Webshop' } };
    callBridge.mockResolvedValue({ ok: true, data: view });
    const envelope = await call('project/get-status', {});
    expect(callBridge).toHaveBeenCalledWith(
      'invoke',
      expect.objectContaining({ functionKey: 'project/get-status', payload: {} }),
    );
    expect(envelope).toEqual({ ok: true, data: view });
  });

  it('passes a backend error through unchanged', async () => {
    const error = { code: 'ROSTER_UNAVAILABLE', message: 'project role "Product Owner" could not be read' };
    callBridge.mockResolvedValue({ ok: false, error });
    expect(await call('issue/get-panel', {})).toEqual({ ok: false, error });
  });

  it('turns a code this build does not know into an internal error that keeps the message', async () => {
    callBridge.mockResolvedValue({ ok: false, error: { code: 'QUOTA_EXCEEDED', message: 'Try tomorrow' } });
    expect(await call('issue/get-panel', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Try tomorrow' },
    });
  });

  it('resolves to an error envelope when the bridge throws, instead of rejecting', async () => {
    callBridge.mockRejectedValue(new Error('socket hang up at /internal/path'));
    const envelope = await call('issue/get-panel', {});
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('INTERNAL');
      expect(envelope.error.message).not.toContain('/internal/path');
    }
  });

  it.each([
    [undefined],
    [null],
    ['ok'],
    [{ ok: 'yes', data: {} }],
    [{ ok: false }],
    [{ ok: false, error: { code: 1 } }],
  ])('refuses a malformed answer (%j) as an internal error', async (answer) => {
    callBridge.mockResolvedValue(answer);
    const envelope = await call('issue/get-panel', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
