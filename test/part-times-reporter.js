/**
 * After the run, one line per part of the suite with the time its test files took, summed (`.ci/run` shows it; the
 * CI table of docs/development.md quotes it): the unit and engine tests, the end-to-end suite against each n8n
 * version, and queue mode. The time includes each file's set-up: starting n8n, and installing an n8n version not yet cached.
 */
class PartTimesReporter {
	constructor() {
		this.seconds = new Map();
	}

	onTestResult(test, result) {
		const project = test.context.config.displayName?.name;
		const file = result.testFilePath;
		let part = 'unit, engine and other tests';
		if (file.includes('/test/queue/')) part = 'queue mode';
		else if (file.includes('/test/e2e/')) part = `end to end, ${project ?? 'default n8n'}`;
		this.seconds.set(part, (this.seconds.get(part) ?? 0) + (result.perfStats.end - result.perfStats.start) / 1000);
	}

	onRunComplete() {
		const parts = [...this.seconds].map(([part, seconds]) => `${part} ${Math.round(seconds)} s`);
		process.stderr.write(`Test time by part: ${parts.join('; ')}\n`);
	}
}

module.exports = PartTimesReporter;
