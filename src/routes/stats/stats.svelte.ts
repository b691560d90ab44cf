// What the stats page shows, read once when it opens. The calendar, forecast and card states come
// first (index counts and the cards); the retention figures follow, since they read the last
// year's answers themselves, which takes a second with 100,000 of them.
import { answerCountsByDay, cardSchedules, recentAnswerFacts, studiedDays, studyDayAt } from '$lib/db';
import { app } from '$lib/state/app.svelte';
import {
	answerSummary,
	cardStatesByDeck,
	easinessDistribution,
	intervalDistribution,
	forecast,
	heatmap,
	HEATMAP_WEEKS,
	retention,
	RETENTION_WINDOWS,
	streaks,
	weekdayOf,
	type AnswerSummary,
	type Bucket,
	type ForecastDay,
	type Heatmap,
	type Retention,
	type StateCounts,
	type Streaks
} from '$lib/stats';
import { errorMessage } from '$lib/format/error';

export interface WindowFigures {
	retention: Retention;
	summary: AnswerSummary;
}

export class StatsPage {
	today = $state(0);
	loading = $state(true);
	error = $state('');
	calendar = $state.raw<Heatmap | undefined>(undefined);
	streak = $state.raw<Streaks>({ current: 0, best: 0 });
	upcoming = $state.raw<ForecastDay[]>([]);
	states = $state.raw<Map<string, StateCounts>>(new Map());
	intervals = $state.raw<{ buckets: Bucket[]; relearning: number }>({ buckets: [], relearning: 0 });
	easiness = $state.raw<Bucket[]>([]);
	/** One entry per retention window (7, 30, 365 days); undefined while the log is read. */
	windows = $state.raw<WindowFigures[] | undefined>(undefined);

	async load(): Promise<void> {
		try {
			const db = await app.ready();
			const today = studyDayAt(Date.now(), app.settings).today;
			const firstDay = today - weekdayOf(today) - (HEATMAP_WEEKS - 1) * 7;
			const [perDay, studied, schedules] = await Promise.all([answerCountsByDay(db, firstDay, today), studiedDays(db), cardSchedules(db)]);
			this.today = today;
			this.calendar = heatmap(perDay, today);
			this.streak = streaks(new Map(studied.map((day) => [day, 1])), today);
			this.upcoming = forecast(schedules, today);
			this.states = cardStatesByDeck(schedules, today);
			this.intervals = intervalDistribution(schedules);
			this.easiness = easinessDistribution(schedules);
			this.loading = false;
			const facts = await recentAnswerFacts(db, today, Math.max(...RETENTION_WINDOWS));
			const rates = retention(facts, today);
			this.windows = rates.map((rate) => ({ retention: rate, summary: answerSummary(facts, today, rate.days) }));
		} catch (error) {
			this.error = `The statistics could not be read: ${errorMessage(error)}`;
			this.loading = false;
		}
	}
}
