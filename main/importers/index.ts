// Import from other authenticators: detection, one module per format, exporters beside them.
export * from './duplicates';
export * from './errors';
export { readMigrationImages } from './google-migration';
export * from './registry';
export * from './types';
