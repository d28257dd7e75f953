import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { adoptTokenFromHash } from './api/token-store.ts';
import { App } from './app.tsx';

// Before the first render, so the secret leaves the address bar at once and the first
// API call already carries it.
adoptTokenFromHash();

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
