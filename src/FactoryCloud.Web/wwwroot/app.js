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
  getTheme: () => localStorage.getItem("fc-theme"),
  setTheme: (theme) => localStorage.setItem("fc-theme", theme),
};
