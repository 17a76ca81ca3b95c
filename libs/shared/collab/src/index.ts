export * from './rich-text';
export * from './specification-document';
export * from './collab-client';
export * from './state-vectors';
