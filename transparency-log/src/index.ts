export * from './merkle.js';
export * from './signed-note.js';
export * from './tiles.js';
export * from './verify-log.js';
export * from './http-source.js';
