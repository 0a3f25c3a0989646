export { loadConfig, ConfigError, configVariables } from './load-config.js';
export type { Config } from './load-config.js';
