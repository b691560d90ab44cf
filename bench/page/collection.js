// The benchmark's collections: deck, card and review records exactly as the app stores them
// (src/lib/db/schema.ts), made from the card number alone, and the seeding of a database with them.
// Runs in the page (init script) and in Node (vm), so the seeded databases and the backup file hold
// the same kind of records.
(() => {
	if (globalThis.__benchCollection) return;

	const MS_PER_DAY = 86_400_000;
	const HOUR = 3_600_000;

	/** Epoch ms at which study day `day` begins (as dayStartTime in src/lib/srs/days.ts). */
	function dayStartTime(day, hour) {
		const utc = new Date(day * MS_PER_DAY);
		const local = new Date(0);
		local.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
		local.setHours(hour, 0, 0, 0);
		return local.getTime();
	}

	const WORDS = (
		'product team roadmap customer value metric feedback release backlog stakeholder vision goal ' +
		'experiment user research interview outcome market pricing growth retention churn onboarding ' +
		'feature priority sprint design decision trade-off impact risk strategy launch insight segment'
	).split(' ');

	/** Deterministic filler text: `n` words picked by a hash of `seed`. */
	function words(seed, n) {
		const out = [];
		let x = seed | 0;
		for (let i = 0; i < n; i++) {
			x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x297a2d39 + i;
			out.push(WORDS[(x >>> 0) % WORDS.length]);
		}
		return out.join(' ');
	}

	/** The benchmark's one deck. */
	function deckRecord(c) {
		return {
			id: c.deckId,
			title: c.deckTitle,
			question: `What is ${c.deckTitle}?`,
			source: `${c.deckTitle}\n\nWhat is ${c.deckTitle}?\n\nA collection made by the benchmark.`,
			bundled: false,
			createdAt: c.installedAt,
			updatedAt: c.installedAt
		};
	}

	/**
	 * Card i: a learned card with a history of `reviewsPerCard` answers, not answered today, due
	 * today or overdue by up to 29 days (9 cards in 10) or due in the next 40 days (1 in 10).
	 * Every front is different, so the screen's front changes with every answer.
	 */
	function makeCard(i, c) {
		const due = i % 10 !== 9;
		const dueDay = due ? c.today - (i % 30) : c.today + 1 + (i % 40);
		const interval = due ? 1 + ((i * 13) % 60) : dueDay - (c.today - 1 - (i % 10));
		const lastDay = dueDay - interval;
		const lastAnsweredAt = dayStartTime(lastDay, c.dayStartHour) + HOUR * (1 + (i % 12)) + (i % 3_600) * 1000;
		const front = `What is ${words(i, 3)} #${i + 1} in product management?`;
		const back = `${words(i + 7, 12)}. ${words(i + 13, 14)}.`;
		return {
			id: `${c.deckId}:c:${i}`,
			deckId: c.deckId,
			kind: i % 3 === 0 ? 'definition' : i % 3 === 1 ? 'item' : 'faq',
			front,
			back,
			generated: { front, back },
			edited: false,
			status: 'review',
			state: { repetitions: 2 + (i % 7), interval, easiness: (130 + ((i * 37) % 151)) / 100, repeatToday: false },
			dueDay,
			newOrder: i,
			lapses: i % 4,
			leech: false,
			lastAnsweredAt,
			addedAt: c.installedAt
		};
	}

	/** The study day of card i's answer j. */
	function reviewDay(i, card, c, j) {
		return card.dueDay - card.state.interval - (c.reviewsPerCard - 1 - j) * (1 + (i % 20));
	}

	/** Answer j of the `reviewsPerCard` that led to `card`: one every `gap` study days, the last when it was last answered. */
	function makeReview(i, card, c, j) {
		const gap = 1 + (i % 20);
		const n = c.reviewsPerCard;
		const day = reviewDay(i, card, c, j);
		const time = j === n - 1 ? card.lastAnsweredAt : dayStartTime(day, c.dayStartHour) + HOUR * (1 + ((i + j) % 12));
		const before = {
			status: j === 0 ? 'new' : 'review',
			state: { repetitions: j, interval: j === 0 ? 0 : gap, easiness: 2.5, repeatToday: false },
			dueDay: j === 0 ? 0 : day,
			lapses: 0,
			leech: false,
			lastAnsweredAt: j === 0 ? 0 : time - gap * MS_PER_DAY
		};
		const after =
			j === n - 1
				? {
						status: card.status,
						state: { ...card.state },
						dueDay: card.dueDay,
						lapses: card.lapses,
						leech: card.leech,
						lastAnsweredAt: card.lastAnsweredAt
					}
				: {
						...before,
						status: 'review',
						state: { repetitions: j + 1, interval: gap, easiness: 2.5, repeatToday: false },
						dueDay: day + gap,
						lastAnsweredAt: time
					};
		return {
			cardId: card.id,
			deckId: card.deckId,
			time,
			studyDay: day,
			grade: (i + j) % 6 < 2 ? 3 : 4,
			wasNew: j === 0,
			before,
			after,
			tookMs: 2000 + ((i * 31 + j * 17) % 9000),
			sessionId: `bench:${day}`,
			device: 'bench-install'
		};
	}

	/** Every answer that led to `card`, oldest first. */
	function makeReviews(i, card, c) {
		return Array.from({ length: c.reviewsPerCard }, (_, j) => makeReview(i, card, c, j));
	}

	/** A backup (the format of src/lib/db/validate.ts, as exportBackup writes it) of the collection. */
	function backup(c) {
		const cards = [];
		const reviews = [];
		for (let i = 0; i < c.cards; i++) {
			const card = makeCard(i, c);
			cards.push(card);
			reviews.push(...makeReviews(i, card, c));
		}
		return {
			format: 'glossary-flashcards-backup',
			version: 1,
			exportedAt: c.now,
			schemaVersion: 3,
			decks: [deckRecord(c)],
			cards,
			reviews,
			settings: c.settings
		};
	}

	// ---- Seeding in the page, with the raw IndexedDB API, in large transactions.

	function request(req) {
		return new Promise((resolve, reject) => {
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
	}
	function done(tx) {
		return new Promise((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
		});
	}

	/**
	 * Replaces the learner's data with a collection of `cards` cards and `reviewsPerCard` answers
	 * each, in transactions of about `batch` records. The database must exist (the app opened it).
	 * The log is written as the app stores it, one record per deck and study day, encoded by the
	 * app's own codec (src/lib/db/log-codec.ts, injected as globalThis.__logCodec).
	 */
	async function seed(c) {
		const codec = globalThis.__logCodec;
		if (!codec) throw new Error('The log codec was not injected (bench/lib/browser.ts)');
		const started = performance.now();
		const db = await request(indexedDB.open(c.databaseName));
		try {
			let tx = db.transaction(['decks', 'cards', 'log', 'settings', 'meta'], 'readwrite', { durability: 'relaxed' });
			for (const store of ['decks', 'cards', 'log', 'meta']) tx.objectStore(store).clear();
			tx.objectStore('decks').put(deckRecord(c));
			tx.objectStore('settings').put(c.settings, 'study');
			const meta = tx.objectStore('meta');
			meta.put(c.bundled, 'bundled');
			meta.put('bench-install', 'installId');
			meta.put(c.installedAt, 'installedAt');
			meta.put(c.lastBackupAt, 'lastBackupAt');
			await done(tx);

			// Cards first, noting which answers fall on which day (card i's answer j as i * 64 + j);
			// then each day's answers are made again and written as one record.
			const days = new Map();
			for (let from = 0; from < c.cards; from += c.batch) {
				tx = db.transaction('cards', 'readwrite', { durability: 'relaxed' });
				const cards = tx.objectStore('cards');
				for (let i = from; i < Math.min(c.cards, from + c.batch); i++) {
					const card = makeCard(i, c);
					cards.put(card);
					for (let j = 0; j < c.reviewsPerCard; j++) {
						const day = reviewDay(i, card, c, j);
						if (!days.has(day)) days.set(day, []);
						days.get(day).push(i * 64 + j);
					}
				}
				await done(tx);
			}
			let reviews = 0;
			let inTx = 0;
			tx = db.transaction('log', 'readwrite', { durability: 'relaxed' });
			for (const [day, answers] of days) {
				const entries = answers.map((code) => {
					const i = Math.floor(code / 64);
					return makeReview(i, makeCard(i, c), c, code % 64);
				});
				entries.sort((a, b) => a.time - b.time);
				tx.objectStore('log').put(codec.encodeDay(c.deckId, day, entries));
				reviews += entries.length;
				inTx += entries.length;
				if (inTx >= c.batch) {
					await done(tx);
					tx = db.transaction('log', 'readwrite', { durability: 'relaxed' });
					inTx = 0;
				}
			}
			await done(tx);
			tx = db.transaction(['cards', 'log'], 'readonly');
			const [cardCount, records] = await Promise.all([request(tx.objectStore('cards').count()), request(tx.objectStore('log').getAll())]);
			const stored = records.reduce((sum, record) => sum + codec.answerCount(record), 0);
			if (stored !== reviews) throw new Error(`Wrote ${reviews} answers but the log holds ${stored}`);
			return { cards: cardCount, reviews: stored, ms: performance.now() - started };
		} finally {
			db.close();
		}
	}

	globalThis.__benchCollection = { dayStartTime, deckRecord, makeCard, makeReview, makeReviews, backup, request, done, seed };
})();
