// A deck id exists only on the learner's device, so this screen is rendered in the browser.
export const prerender = false;
export const ssr = false;
