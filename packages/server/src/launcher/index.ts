export { startSystem, LAUNCHER_NEXT_DIST_DIR } from './system';
export type { AppInstance, HotdeskSystem, InstanceSpec, SystemOptions } from './system';
