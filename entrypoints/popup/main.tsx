import { render } from 'preact';
import { PopupContainer } from '../../src/ui/popup/PopupContainer';
import '../../src/ui/palette.css';
import '../../src/ui/popup/popup.css';

render(<PopupContainer />, document.getElementById('app')!);
