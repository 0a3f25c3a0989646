export { createMetrics } from './metrics.js';
export type { Metrics, MetricSources } from './metrics.js';
export { createReadiness } from './readiness.js';
export type { Readiness, ReadinessReport } from './readiness.js';
export { opsRoutes, listenForMetrics } from './ops-routes.js';
export { assignRequestId, assignedRequestId, requestIdFor, withRequestId } from '../shared/request-id.js';
export { createBackup, type BackupSummary } from './backup.js';
export { restoreBackup, type RestoreSummary } from './restore.js';
export { BackupError } from './backup-format.js';
