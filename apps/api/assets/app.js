// Progressive enhancement only: every page works without this file.
// It replaces govuk-frontend's inline `js-enabled` snippet, which the Content Security Policy forbids.
import { initAll } from '/assets/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
initMoj();

// The handover pack's print view: a "Print this page" button that only makes sense with JavaScript.
for (const button of document.querySelectorAll('[data-ttg-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
