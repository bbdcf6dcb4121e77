// civcas: a little progressive enhancement; every page works without it.
(function () {
  // Filters: changing a select submits the form (the Filter button still works without JS).
  document.querySelectorAll("form.filters select").forEach(function (el) {
    el.addEventListener("change", function () { el.form.requestSubmit(); });
  });
  // Review forms that change several claims ask first.
  document.querySelectorAll("form[action$='/merge'], form[action$='/split']").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm("This changes which claims belong to which incident. Go on?")) ev.preventDefault();
    });
  });
  // Jumping to a claim's evidence opens its article text.
  window.addEventListener("hashchange", function () {
    var target = document.querySelector(location.hash + " details");
    if (target) target.open = true;
  });
})();
