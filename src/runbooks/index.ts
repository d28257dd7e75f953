// The runbooks door: the runner (run/) and the parser (parse/).
export * from './run/index.ts';
export * from './parse/index.ts';
