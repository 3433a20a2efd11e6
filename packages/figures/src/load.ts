import {
  CommunicationFileSchema,
  DifficultyFileSchema,
  readJsonFile,
  type CommunicationFile,
  type DifficultyFile,
} from '@cooperbench-repro/contracts';

/** Reads and validates data/difficulty.json; a bad file raises a DataFileError naming file and field. */
export function loadDifficulty(file: string): Promise<DifficultyFile> {
  return readJsonFile(file, DifficultyFileSchema);
}

/** Reads and validates data/communication.json; a bad file raises a DataFileError naming file and field. */
export function loadCommunication(file: string): Promise<CommunicationFile> {
  return readJsonFile(file, CommunicationFileSchema);
}
