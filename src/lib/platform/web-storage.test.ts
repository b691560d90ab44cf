import { afterEach, describe, expect, test, vi } from 'vitest';
import { readStored, writeStored } from './web-storage';

afterEach(() => vi.unstubAllGlobals());

function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (i) => [...items.keys()][i] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, value)
	};
}

describe('web storage', () => {
	test('reads back what was written', () => {
		vi.stubGlobal('sessionStorage', memoryStorage());
		expect(readStored('sessionStorage', 'k')).toBeUndefined();
		expect(writeStored('sessionStorage', 'k', 'v')).toBe(true);
		expect(readStored('sessionStorage', 'k')).toBe('v');
	});

	test('a storage that throws (private mode, storage disabled) is a storage that remembers nothing', () => {
		const refusing = memoryStorage();
		refusing.getItem = () => {
			throw new DOMException('The operation is insecure.', 'SecurityError');
		};
		refusing.setItem = () => {
			throw new DOMException('Quota exceeded', 'QuotaExceededError');
		};
		vi.stubGlobal('localStorage', refusing);
		expect(readStored('localStorage', 'k')).toBeUndefined();
		expect(writeStored('localStorage', 'k', 'v')).toBe(false);
		vi.stubGlobal('localStorage', undefined);
		expect(writeStored('localStorage', 'k', 'v')).toBe(false);
	});
});
