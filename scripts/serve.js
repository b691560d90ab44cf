// `npm start` and Playwright's webServer: the app's static server (scripts/static-server.js) and
// the embedded sync server (scripts/sync-server.js, its data in .sync-data/ or SYNC_DIR, on
// SYNC_PORT or a free port) as two processes, so neither can take the other down, each started
// again if it dies. The sync server keeps its first port across restarts, and the static server
// answers /sync-server.json with it. SYNC=off serves the app alone. Stopping this stops both.
import { fork } from 'node:child_process';

const scripts = new URL('.', import.meta.url).pathname;
const syncOn = process.env.SYNC !== 'off';
const syncDir = process.env.SYNC_DIR ?? '.sync-data';
let syncPort = Number(process.env.SYNC_PORT ?? 0);
/** Set once the sync server has said where it listens. */
let announcedPort = /** @type {number | undefined} */ (undefined);
let stopping = false;

/**
 * One supervised process: started again after it dies, soon if it had been running a while, with
 * a growing pause (up to 10 s) while it keeps dying at start.
 */
class Supervised {
	/** @type {import('node:child_process').ChildProcess | undefined} */
	child;
	pause = 100;

	/**
	 * @param {string} name @param {string} script @param {() => string[]} args
	 * @param {(message: unknown) => void} [onMessage]
	 */
	constructor(name, script, args, onMessage) {
		this.name = name;
		this.script = script;
		this.args = args;
		this.onMessage = onMessage;
	}

	start() {
		const started = Date.now();
		const child = fork(`${scripts}${this.script}`, this.args(), {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			env: { ...process.env, SYNC_PORT_ANNOUNCED: announcedPort === undefined ? '' : String(announcedPort) }
		});
		this.child = child;
		console.log(`${this.name} started (process ${child.pid})`);
		child.on('message', (message) => this.onMessage?.(message));
		child.on('exit', (code, signal) => {
			this.child = undefined;
			if (stopping) return;
			this.pause = Date.now() - started > 10_000 ? 100 : Math.min(this.pause * 2, 10_000);
			console.error(`${this.name} stopped (${signal ?? `exit code ${code}`}); starting it again in ${this.pause} ms`);
			setTimeout(() => !stopping && this.start(), this.pause);
		});
	}

	/** @returns {Promise<void>} */
	stop() {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return new Promise((done) => {
			child.once('exit', () => done());
			child.kill('SIGTERM');
		});
	}
}

const app = new Supervised('App server', 'static-server.js', () => []);
const sync = new Supervised(
	'Sync server',
	'sync-server.js',
	() => ['--dir', syncDir, '--port', String(syncPort)],
	(message) => {
		const port = /** @type {{ syncPort?: unknown }} */ (message)?.syncPort;
		if (typeof port !== 'number') return;
		// Started again, it takes the same port: the address the learner's devices keep stays right.
		syncPort = announcedPort = port;
		app.child?.send({ syncPort: port });
	}
);

if (syncOn) sync.start();
app.start();

const stop = () => {
	if (stopping) return;
	stopping = true;
	Promise.all([app.stop(), sync.stop()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
