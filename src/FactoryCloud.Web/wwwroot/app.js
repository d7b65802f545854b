// Small browser helpers for the Blazor shell.
window.factoryCloud = {
  // Posts one of the page's hidden forms (tenant switch, sign-out), which carry an antiforgery token.
  submitForm(formId, field, value) {
    const form = document.getElementById(formId);
    if (!form) return;
    if (field) form.elements[field].value = value;
    form.submit();
  },
  // An element's left edge and width in CSS pixels: the state timeline maps a dragged range to times with them.
  horizontalBounds(element) {
    const box = element.getBoundingClientRect();
    return { left: box.left, width: box.width };
  },
  // Copies text for a copy button; false when the browser refuses (no clipboard permission, not a secure context).
  async copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
  // Brings an element the user just created into view (no scrolling when it already is).
  scrollIntoView(selector) {
    document.querySelector(selector)?.scrollIntoView({ block: "nearest" });
  },
  getTheme: () => localStorage.getItem("fc-theme"),
  setTheme: (theme) => localStorage.setItem("fc-theme", theme),
};

// A region that scrolls (a wide table on a phone, a long history) must be reachable with the keyboard, or its
// hidden part cannot be read without a mouse: such regions get tabindex=0 while they scroll. Blazor leaves
// attributes it did not render alone, so this survives re-renders.
(() => {
  const selector = ".mud-table-container, .mud-table[style*='overflow'], [data-scroll-region]";
  const mark = () => {
    for (const region of document.querySelectorAll(selector)) {
      const scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
      if (scrolls && !region.hasAttribute("tabindex")) region.setAttribute("tabindex", "0");
    }
  };
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; mark(); });
  };
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("resize", schedule);
  schedule();
})();
