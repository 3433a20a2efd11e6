import {
  ComparisonFileSchema,
  CommunicationFileSchema,
  DifficultyFileSchema,
  FailureModesFileSchema,
  OutcomesFileSchema,
  readJsonFile,
  type ComparisonFile,
  type CommunicationFile,
  type DifficultyFile,
  type FailureModesFile,
  type OutcomesFile,
} from '@cooperbench-repro/contracts';

/** Reads and validates data/difficulty.json; a bad file raises a DataFileError naming file and field. */
export function loadDifficulty(file: string): Promise<DifficultyFile> {
  return readJsonFile(file, DifficultyFileSchema);
}

/** Reads and validates data/communication.json; a bad file raises a DataFileError naming file and field. */
export function loadCommunication(file: string): Promise<CommunicationFile> {
  return readJsonFile(file, CommunicationFileSchema);
}

/** Reads and validates data/failure-modes.json; a bad file raises a DataFileError naming file and field. */
export function loadFailureModes(file: string): Promise<FailureModesFile> {
  return readJsonFile(file, FailureModesFileSchema);
}

/** Reads and validates data/comparison.json; a bad file raises a DataFileError naming file and field. */
export function loadComparison(file: string): Promise<ComparisonFile> {
  return readJsonFile(file, ComparisonFileSchema);
}

/** Reads and validates data/outcomes.json; a bad file raises a DataFileError naming file and field. */
export function loadOutcomes(file: string): Promise<OutcomesFile> {
  return readJsonFile(file, OutcomesFileSchema);
}
