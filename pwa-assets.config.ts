// `npm run icons` turns the one SVG source into every icon the manifest and iOS need.
import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

export default defineConfig({
	headLinkOptions: { preset: '2023' },
	preset: {
		...minimal2023Preset,
		maskable: { ...minimal2023Preset.maskable, padding: 0.3, resizeOptions: { background: '#1f4e79' } },
		apple: { ...minimal2023Preset.apple, padding: 0.3, resizeOptions: { background: '#1f4e79' } }
	},
	images: ['static/icon.svg']
});
