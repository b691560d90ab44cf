// The production build served as a static host would (scripts/serve.js, run from `root`, serves
// root/build), on a port of the benchmark's own, without the sync server (its figures start their own).
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

function listening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

export class StaticServer {
	#child: ChildProcess | undefined;
	constructor(
		readonly root: string,
		readonly port: number
	) {}

	get origin(): string {
		return `http://localhost:${this.port}`;
	}

	async start(): Promise<void> {
		if (this.#child) return;
		if (await listening(this.port)) throw new Error(`Port ${this.port} is taken; set BENCH_PORT to a free port.`);
		const child = spawn(process.execPath, ['scripts/serve.js'], {
			cwd: this.root,
			env: { ...process.env, PORT: String(this.port), SYNC: 'off' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child = child;
		let errors = '';
		child.stderr!.on('data', (chunk) => (errors += chunk));
		await new Promise<void>((resolve, reject) => {
			child.stdout!.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('Serving')) resolve();
			});
			child.once('exit', (code) => reject(new Error(`scripts/serve.js exited (${code}): ${errors}`)));
		});
	}

	/** Cuts the network for real: nothing answers on the port (the service worker must). */
	async stop(): Promise<void> {
		const child = this.#child;
		if (!child) return;
		this.#child = undefined;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	}
}
