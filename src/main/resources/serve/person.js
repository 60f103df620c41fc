// vaxel serve: my page. The page works without this file; it only adds the copy buttons.
'use strict';
(function () {
  document.querySelectorAll('button[data-copy]').forEach((b) => {
    b.hidden = false;
    b.addEventListener('click', async () => {
      const text = document.getElementById(b.dataset.copy).textContent;
      try {
        await navigator.clipboard.writeText(text);
        b.dataset.copied = 'true';
      } catch (e) {
        // No clipboard (plain http on another host): select the text for Ctrl+C instead.
        const range = document.createRange();
        range.selectNodeContents(document.getElementById(b.dataset.copy));
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
    });
  });
})();
