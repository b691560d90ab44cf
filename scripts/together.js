// `npm test`'s first step: npm scripts that each keep one core busy (svelte-check, Prettier and
// ESLint) run side by side, their output printed whole as each ends, not interleaved. Fails,
// naming the scripts that failed, if any does. Usage: node scripts/together.js check lint
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
	console.error('Name the npm scripts to run together, e.g. node scripts/together.js check lint');
	process.exit(2);
}

/** @param {string} name @returns {Promise<{ name: string; code: number | null; output: string }>} */
function run(name) {
	return new Promise((done) => {
		const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', (error) => done({ name, code: 1, output: `${output}${error.message}\n` }));
		child.on('close', (code) => done({ name, code, output }));
	});
}

/** @type {string[]} */
const failed = [];
await Promise.all(
	names.map(async (name) => {
		const { code, output } = await run(name);
		process.stdout.write(`\n> npm run ${name}${code === 0 ? '' : ` (failed, exit code ${code})`}\n${output}`);
		if (code !== 0) failed.push(name);
	})
);
if (failed.length > 0) {
	console.error(`\nFailed: ${failed.map((name) => `npm run ${name}`).join(', ')}`);
	process.exit(1);
}
