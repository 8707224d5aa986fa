// Import from other authenticators: detection, one module per format, exporters beside them.
export * from './errors';
export * from './registry';
export * from './types';
