// Small browser helpers for the Blazor shell.
window.factoryCloud = {
  // Posts one of the page's hidden forms (tenant switch, sign-out), which carry an antiforgery token.
  submitForm(formId, field, value) {
    const form = document.getElementById(formId);
    if (!form) return;
    if (field) form.elements[field].value = value;
    form.submit();
  },
  getTheme: () => localStorage.getItem("fc-theme"),
  setTheme: (theme) => localStorage.setItem("fc-theme", theme),
};
