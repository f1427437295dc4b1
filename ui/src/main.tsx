/** Starts the page. */
import { render } from 'preact';
import { whenTokenRequired } from './api/client.js';
import { App } from './app.js';
import { tokenDialogOpen } from './state/app-state.js';
import { applyTheme, savedTheme } from './views/theme-toggle.js';
import '../styles/page.css';

applyTheme(savedTheme());
whenTokenRequired(() => tokenDialogOpen.set(true));
render(<App />, document.getElementById('app')!);
