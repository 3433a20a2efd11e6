/**
 * The Cohere SDK, imported on the first paid call only. Loading it costs about 0.3 s (some 1,500
 * modules), which every replay, dry run, table and the HTML report (all of which import this package)
 * paid for nothing while it was a static import.
 */
let sdk: Promise<typeof import('cohere-ai')> | null = null;

export function loadCohereSdk(): Promise<typeof import('cohere-ai')> {
  sdk ??= import('cohere-ai');
  return sdk;
}
