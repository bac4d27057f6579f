import { render } from 'preact';
import '../styles/app.css';
import { App } from './App';

render(<App />, document.getElementById('app') as HTMLElement);
