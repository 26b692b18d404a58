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

// Sign out is a POST with the CSRF token (the header's hidden form); without JavaScript the link
// opens a page with the same form.
const signOut = document.getElementById('ttg-sign-out');
for (const link of document.querySelectorAll('[data-ttg-sign-out]')) {
  link.addEventListener('click', (event) => {
    if (!signOut) return;
    event.preventDefault();
    signOut.submit();
  });
}

// A running import: fetch the page again every second and a half and swap in its progress
// region, until the import has finished. Without JavaScript the page has a refresh link.
const importRegion = document.querySelector('[data-ttg-import="running"]');
if (importRegion) {
  const poll = async () => {
    try {
      const res = await fetch(window.location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const next = doc.getElementById('import-progress');
      if (!next) return;
      const current = document.getElementById('import-progress');
      current.replaceChildren(...next.childNodes);
      current.dataset.ttgImport = next.dataset.ttgImport;
      document.title = doc.title;
      if (next.dataset.ttgImport === 'running') setTimeout(poll, 1500);
    } catch {
      setTimeout(poll, 5000);
    }
  };
  setTimeout(poll, 1500);
}
