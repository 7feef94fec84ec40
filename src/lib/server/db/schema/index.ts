export * from './users';
export * from './workspaces';
export * from './platforms';
export * from './ledger';
