// Words for study days relative to today, as the home and end-of-session screens say them.
import { dayToDate } from '$lib/srs/days';

export function dayInWords(day: number, today: number): string {
	const diff = day - today;
	if (diff <= 0) return 'today';
	if (diff === 1) return 'tomorrow';
	if (diff < 7) return `in ${diff} days`;
	return `on ${dayToDate(day).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: diff > 300 ? 'numeric' : undefined })}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}
