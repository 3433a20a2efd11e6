export { pipelineTasks, type PipelineTask } from './tasks.js';
