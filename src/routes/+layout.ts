// Every screen is a prerendered shell; the learner's data is read on the device, never on a server.
export const prerender = true;
export const ssr = true;
export const trailingSlash = 'never';
