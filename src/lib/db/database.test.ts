// What the browser throws, turned into messages a learner can act on.
import { describe, expect, test } from 'vitest';
import { StorageError, storageError } from './database';

describe('storageError', () => {
	test('a full disk says the answer was not saved and the device is out of space', () => {
		const cause = new DOMException('x', 'QuotaExceededError');
		const error = storageError(cause, 'Your last answer');
		expect(error).toBeInstanceOf(StorageError);
		expect(error.name).toBe('StorageError');
		expect(error.reason).toBe('quota');
		expect(error.message).toBe('Your last answer was not saved: this device is out of storage space. Free some space, then try again.');
		expect(error.cause).toBe(cause);
	});

	test('a closed database asks for a reload', () => {
		for (const name of ['InvalidStateError', 'UnknownError']) {
			const error = storageError(new DOMException('gone', name), 'Your edit');
			expect(error.reason).toBe('closed');
			expect(error.message).toBe('Your edit was not saved: the browser closed the database. Reload the app, then try again.');
		}
	});

	test('a database of a newer version asks for a reload', () => {
		const error = storageError(new DOMException('v', 'VersionError'), 'Your data');
		expect(error.reason).toBe('newer-version');
		expect(error.message).toBe('A newer version of the app has upgraded your data. Reload to use it.');
	});

	test('anything else keeps its own words', () => {
		expect(storageError(new Error('the card no longer exists'), 'Your edit').message).toBe(
			'Your edit was not saved: the card no longer exists.'
		);
		expect(storageError(new DOMException('', 'AbortError'), 'Undo').message).toBe('Undo was not saved: the database refused the change.');
		expect(storageError('disk on fire', 'Undo').message).toBe('Undo was not saved: disk on fire.');
		expect(storageError(new Error('x'), 'Undo').reason).toBe('unknown');
	});

	test('a StorageError passes through unchanged', () => {
		const original = new StorageError('Your answer was not saved: this card no longer exists.', 'unknown');
		expect(storageError(original, 'Your last answer')).toBe(original);
	});
});
