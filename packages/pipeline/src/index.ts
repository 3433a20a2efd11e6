export { pipelineTasks, UnknownTargetError, type PipelineTask } from './tasks.js';
export { commandModuleOf, runTasks, type RunOptions, type TaskResult } from './run-tasks.js';
export { NoWorkspaceError, workspaceRoot } from './workspace.js';
