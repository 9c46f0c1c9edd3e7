/** Why `project` (default tsconfig.build.json) needs compiling, or null when dist/ is up to date. */
export function staleBuildReason(root: string, project?: string): string | null;

/** Compiles `project` with tsc (its errors go to the terminal) and stamps dist/ on success. */
export function build(root: string, project?: string): void;
