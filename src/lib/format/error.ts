// An error's message as the learner reads it, whatever was thrown.

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
