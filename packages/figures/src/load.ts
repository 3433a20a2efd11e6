import {
  CommunicationFileSchema,
  DifficultyFileSchema,
  FailureModesFileSchema,
  readJsonFile,
  type CommunicationFile,
  type DifficultyFile,
  type FailureModesFile,
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
