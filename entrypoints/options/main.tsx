import { render } from 'preact';
import knowledge from 'virtual:nuchter-knowledge';
import { About } from '../../src/ui/options/About';
import { uiLang } from '../../src/ui/i18n';
import './options.css';

document.documentElement.lang = uiLang();
render(<About knowledge={knowledge} lang={uiLang()} />, document.getElementById('app')!);
