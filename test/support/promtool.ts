import { spawnSync } from 'node:child_process';

/**
 * An independent check of what /metrics writes: Prometheus's own `promtool check metrics`
 * (Debian's `prometheus` package), which parses the text as a Prometheus server would and lints it.
 * Without it the check is skipped with a line saying so, except under CI=true, where .ci/run
 * installs it and a missing one is a failure.
 */
export function promtoolAvailable(): boolean {
  const found = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI === 'true') throw new Error('promtool is required under CI (.ci/run installs Debian\'s prometheus)');
  if (!found) console.log('# promtool not found: skipping the Prometheus format checks (install Debian\'s prometheus to run them)');
  return found;
}

// prom-client's own names for three gauges of Node's (`nodejs_active_handles_total`, …): promtool's
// naming lint, not a fault in the text; every other problem is reported.
const PROM_CLIENT_NAMES = /^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/;

/** What promtool finds wrong with a scrape's text (parse errors and lint), less prom-client's own names. */
export function promtoolProblems(text: string): string[] {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((l) => l.trim()).filter(Boolean);
  const problems = lines.filter((l) => !PROM_CLIENT_NAMES.test(l));
  // Exit 3 is "lint problems" (the names above); anything else but 0 is a failure to parse.
  if (run.status !== 0 && run.status !== 3) problems.push(`promtool exited ${run.status}`);
  return problems;
}
