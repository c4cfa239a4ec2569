export { runAppServer } from './run-app-server';
