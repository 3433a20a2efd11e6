import type { RunRecord } from '@cooperbench-repro/contracts';

/** Message texts an agent could send that must show as text and run nothing. */
export const XSS_TEXTS = [
  'agent1: <img src=x onerror="window.__xss = 1; document.title = \'pwned\'">',
  'agent2: <script>window.__xss = 2</script> and <b>bold?</b>',
];

/** The store with the first coop record's conversation replaced by the XSS messages (plus a file name with markup). */
export function withXssRecord(records: RunRecord[]): { records: RunRecord[]; index: number } {
  const index = records.findIndex((r) => r.setting === 'coop' && r.messages.length > 0);
  if (index < 0) throw new Error('the demo store has no coop record with messages');
  const r = records[index]!;
  const messages = XSS_TEXTS.map((text, k) => ({ from: k === 0 ? 'agent1' : 'agent2', to: k === 0 ? 'agent2' : 'agent1', feature_id: k + 1, text, timestamp: 1_700_000_000 + k }));
  const patches = r.patches.map((p) => ({ ...p, files: p.files.map((f) => ({ ...f, path: `<img src=y onerror="window.__xss=3">${f.path}` })) }));
  const out = [...records];
  out[index] = { ...r, messages, message_count: messages.length, patches };
  return { records: out, index };
}
