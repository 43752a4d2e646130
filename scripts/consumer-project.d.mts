// Types of consumer-project.mjs for the TypeScript tests that use it.
export interface PackedWorkspace {
  directory: string;
  name: string;
  version: string;
  tarball: string;
}
export function npmEnvironment(): NodeJS.ProcessEnv;
export function packWorkspaces(directories: string[], destination: string): Promise<PackedWorkspace[]>;
export function installPacked(project: string, packed: PackedWorkspace[], dependencies: string[]): Promise<void>;
