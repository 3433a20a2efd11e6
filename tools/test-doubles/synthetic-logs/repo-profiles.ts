/**
 * What a repository looks like to the generator: its language (which decides the test runner output
 * and the code in patches), plausible source files, and the module under test. Invented paths in the
 * style of the real projects; no dataset content is used.
 */

export type Language = 'python' | 'go' | 'typescript' | 'rust';

export interface RepoProfile {
  language: Language;
  sourceFiles: readonly string[];
  testFiles: readonly string[];
  /** Short project name for runner output (`Installing <pkg>`), feature titles and commit lines. */
  project: string;
}

function profile(language: Language, project: string, sourceFiles: readonly string[], testFiles: readonly string[]): RepoProfile {
  return { language, project, sourceFiles, testFiles };
}

const LLAMA = 'llama-index-core/llama_index/core';
const TYPST = 'crates/typst-library/src';

/** One row per dataset repository: language, project name, source files, test files. */
const PROFILES: Record<string, RepoProfile> = {
  dottxt_ai_outlines_task: profile('python', 'outlines', ['outlines/types/__init__.py', 'outlines/types/dsl.py', 'outlines/generator.py', 'outlines/processors/structured.py'], ['tests/types/test_custom_types.py', 'tests/test_generator.py']),
  dspy_task: profile('python', 'dspy', ['dspy/predict/predict.py', 'dspy/primitives/module.py', 'dspy/adapters/json_adapter.py', 'dspy/clients/lm.py'], ['tests/predict/test_predict.py', 'tests/adapters/test_json_adapter.py']),
  go_chi_task: profile('go', 'chi', ['mux.go', 'tree.go', 'context.go', 'middleware/throttle.go', 'middleware/logger.go'], ['mux_test.go', 'middleware/throttle_test.go']),
  huggingface_datasets_task: profile('python', 'datasets', ['src/datasets/arrow_dataset.py', 'src/datasets/features/features.py', 'src/datasets/load.py', 'src/datasets/iterable_dataset.py'], ['tests/test_arrow_dataset.py', 'tests/features/test_features.py']),
  llama_index_task: profile('python', 'llama-index-core', [`${LLAMA}/node_parser/text/sentence.py`, `${LLAMA}/schema.py`, `${LLAMA}/indices/base.py`, `${LLAMA}/base/llms/types.py`], ['llama-index-core/tests/node_parser/test_sentence_splitter.py', 'llama-index-core/tests/test_schema.py']),
  openai_tiktoken_task: profile('python', 'tiktoken', ['tiktoken/core.py', 'tiktoken/load.py', 'tiktoken/registry.py'], ['tests/test_encoding.py', 'tests/test_misc.py']),
  pallets_click_task: profile('python', 'click', ['src/click/core.py', 'src/click/types.py', 'src/click/termui.py', 'src/click/decorators.py'], ['tests/test_options.py', 'tests/test_termui.py']),
  pallets_jinja_task: profile('python', 'jinja2', ['src/jinja2/filters.py', 'src/jinja2/ext.py', 'src/jinja2/environment.py', 'src/jinja2/compiler.py'], ['tests/test_filters.py', 'tests/test_ext.py']),
  pillow_task: profile('python', 'pillow', ['src/PIL/Image.py', 'src/PIL/ImageOps.py', 'src/PIL/PngImagePlugin.py', 'src/PIL/ImageDraw.py'], ['Tests/test_image.py', 'Tests/test_imageops.py']),
  react_hook_form_task: profile('typescript', 'react-hook-form', ['src/useForm.ts', 'src/logic/createFormControl.ts', 'src/types/form.ts', 'src/useController.ts'], ['src/__tests__/useForm.test.tsx', 'src/__tests__/useController.test.tsx']),
  samuelcolvin_dirty_equals_task: profile('python', 'dirty-equals', ['dirty_equals/_other.py', 'dirty_equals/_numeric.py', 'dirty_equals/_strings.py', 'dirty_equals/__init__.py'], ['tests/test_other.py', 'tests/test_numeric.py']),
  typst_task: profile('rust', 'typst', [`${TYPST}/text/mod.rs`, `${TYPST}/layout/grid/mod.rs`, 'crates/typst-eval/src/call.rs', 'crates/typst-syntax/src/lexer.rs'], ['tests/suite/text/font.typ', 'tests/suite/layout/grid.typ']),
};

/** A repo outside the known twelve gets a generic Python profile named after it. */
export function repoProfile(repo: string): RepoProfile {
  const known = PROFILES[repo];
  if (known) return known;
  const project = repo.replace(/_task$/, '').replace(/_/g, '-');
  const pkg = project.replace(/-/g, '_');
  return profile('python', project, [`${pkg}/core.py`, `${pkg}/utils.py`, `${pkg}/__init__.py`], ['tests/test_core.py']);
}

/** Words for identifiers, feature titles and messages. */
export const NOUNS = [
  'url', 'email', 'credit_card', 'cache', 'token', 'limit', 'timeout', 'retry', 'encoding', 'schema',
  'prefix', 'filter', 'option', 'color', 'width', 'locale', 'batch', 'stream', 'format', 'callback',
  'default', 'separator', 'padding', 'threshold', 'header', 'offset', 'alias', 'context', 'priority', 'budget',
] as const;
export const VERBS = ['validate', 'parse', 'normalize', 'resolve', 'render', 'apply', 'load', 'compute', 'merge', 'check', 'encode', 'split'] as const;
