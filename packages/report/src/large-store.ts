import type { RunRecord } from '@cooperbench-repro/contracts';

/**
 * A large synthetic store for load tests and the bench: the given records repeated under renamed runs
 * (`<run>~copyN`) until `size` records. Every copy stays a valid, distinct record (new record_id and
 * run), marked synthetic.
 */
export function replicateStore(records: readonly RunRecord[], size: number): RunRecord[] {
  if (records.length === 0) throw new Error('replicateStore: no records to replicate');
  const out: RunRecord[] = [];
  for (let i = 0; i < size; i++) {
    const r = records[i % records.length]!;
    const copy = Math.floor(i / records.length);
    if (copy === 0) out.push({ ...r, synthetic: true });
    else out.push({ ...r, synthetic: true, run: `${r.run}~copy${copy}`, record_id: `${r.record_id}~copy${copy}` });
  }
  return out;
}
