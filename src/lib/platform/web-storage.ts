// sessionStorage and localStorage throw in some private modes and when storage is disabled
// (SecurityError on access, QuotaExceededError on write): a failure here means "not remembered".

type Area = 'sessionStorage' | 'localStorage';

function area(name: Area): Storage | undefined {
	try {
		return globalThis[name] ?? undefined;
	} catch {
		return undefined;
	}
}

export function readStored(name: Area, key: string): string | undefined {
	try {
		return area(name)?.getItem(key) ?? undefined;
	} catch {
		return undefined;
	}
}

/** Whether it was stored. */
export function writeStored(name: Area, key: string, value: string): boolean {
	try {
		const storage = area(name);
		storage?.setItem(key, value);
		return storage !== undefined;
	} catch {
		return false;
	}
}
