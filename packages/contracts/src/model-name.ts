/**
 * Upstream's `clean_model_name`, the one version every package uses to put a model string into a run
 * name (the runner's real run names, the stand-in CLI's upstream-style auto names, synthetic trees):
 * the last `/` segment, without a -preview/-latest/-turbo suffix (any case), non-alphanumerics folded
 * to `-`, no leading or trailing `-`, lower case, at most 40 characters; `model` when nothing is left.
 */
export function cleanModelName(model: string): string {
  const last = model.split('/').pop() ?? model;
  return (
    last
      .replace(/-(preview|latest|turbo)$/i, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'model'
  );
}
