/** The simulators of the two API backends (sim/README.md "Videos API simulator", "Task API simulator"). */
export { DEFAULT_TASK_API_SETTINGS, startTaskApiSim, TASK_API_HOSTS } from './task-api/server';
export type * from './task-api/types';
export { DEFAULT_VIDEOS_API_SETTINGS, startVideosApiSim, VIDEOS_API_HOSTS } from './videos-api/server';
export type * from './videos-api/types';
