import { minimalRunRecord } from '@cooperbench-repro/contracts';

/** A minimal valid run record (contracts' builder): only what this stage reads is meaningful. */
export const record = minimalRunRecord;
