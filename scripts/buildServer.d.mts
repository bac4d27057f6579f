export function serverBuildIsStale(): boolean;
export function buildServer(): Promise<void>;
export function buildServerIfStale(): Promise<boolean>;
