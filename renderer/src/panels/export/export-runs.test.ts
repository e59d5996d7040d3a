// createExport over the desktop transport: the save dialog comes first and its path goes to
// export.create; a cancelled dialog exports nothing; browser mode never asks for a dialog. The bridge
// is a fake of Electron's IPC (the boundary), answering as the host would.
import { describe, expect, it } from 'vitest';
import type { WorkbenchBridge } from '@app/client';
import { initWorkbench } from '../../api/workbench';
import { createExport } from './export-runs';

function fakeBridge(dialogPath: string | null): { bridge: WorkbenchBridge; calls: Array<{ method: string; input: Record<string, unknown> }> } {
  const calls: Array<{ method: string; input: Record<string, unknown> }> = [];
  const bridge: WorkbenchBridge = {
    async request(method, input) {
      calls.push({ method, input: input as Record<string, unknown> });
      if (method === 'files.chooseSavePath') return { path: dialogPath };
      const out = (input as { path?: string }).path ?? '/tmp/kept.csv';
      return { format: 'csv', runs: 2, files: [{ name: 'a.csv', path: out, bytes: 10, rows: 2 }], downloads: [] };
    },
    subscribe: () => () => undefined,
  };
  return { bridge, calls };
}

describe('createExport', () => {
  it('in the desktop app asks for a path first and exports there', async () => {
    const { bridge, calls } = fakeBridge('/home/ana/Downloads/mine.csv');
    initWorkbench({ kind: 'electron', bridge, downloadUrl: null, onConnection: null });
    const result = await createExport({ runIds: ['r1', 'r2'] }, 'csv');
    expect(calls.map((c) => c.method)).toEqual(['files.chooseSavePath', 'export.create']);
    expect(calls[0]!.input).toEqual({ defaultName: 'runs-2.csv', format: 'csv' });
    expect(calls[1]!.input).toMatchObject({ target: { runIds: ['r1', 'r2'] }, format: 'csv', path: '/home/ana/Downloads/mine.csv' });
    expect(result!.files[0]!.path).toBe('/home/ana/Downloads/mine.csv');
  });

  it('exports nothing when the dialog is cancelled', async () => {
    const { bridge, calls } = fakeBridge(null);
    initWorkbench({ kind: 'electron', bridge, downloadUrl: null, onConnection: null });
    expect(await createExport({ experimentId: 'exp_1' }, 'parquet')).toBeNull();
    expect(calls.map((c) => c.method)).toEqual(['files.chooseSavePath']);
    expect(calls[0]!.input.defaultName).toBe('experiment-exp_1.parquet');
  });

  it('in browser mode exports without a dialog (the host keeps the files for download)', async () => {
    const { bridge, calls } = fakeBridge('/never');
    initWorkbench({ kind: 'browser', bridge, downloadUrl: (id) => `/api/download/${id}`, onConnection: null });
    await createExport({ runIds: ['r1'] }, 'jsonl');
    expect(calls.map((c) => c.method)).toEqual(['export.create']);
    expect(calls[0]!.input.path).toBeUndefined();
  });
});
