import { render } from 'preact';
import { App } from './App.tsx';
import { pageConfig } from './config.ts';
import './style.css';

render(<App config={pageConfig()} />, document.getElementById('app')!);
