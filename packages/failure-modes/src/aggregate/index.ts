export * from './aggregate.js';
export * from './fig6-numbers.js';
export * from './population.js';
export * from './share.js';
export * from './table1.js';
export * from './table2.js';
