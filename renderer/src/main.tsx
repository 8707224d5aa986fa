// Renderer entry. One bundle, two faces: the tray window, and the region selector overlay
// (loaded as index.html#/region by main, one per display).
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startRegionImageListener } from './lib/region-image';
import { RegionOverlay } from './views/RegionOverlay';

const region = window.location.hash === '#/region';
// Before the first render: main may send the screenshot as soon as the page has loaded.
if (region) startRegionImageListener();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
document.documentElement.classList.toggle('region-mode', region);
createRoot(root).render(<StrictMode>{region ? <RegionOverlay /> : <App />}</StrictMode>);
