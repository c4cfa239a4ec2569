export { startSystem, LAUNCHER_NEXT_DIST_DIR } from './system';
export { stopProcess } from './app-process';
export type { AppInstance, HotdeskSystem, InstanceSpec, SystemOptions } from './system';
