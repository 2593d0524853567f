// Progressive enhancement of /search: ticking a facet or changing the sort refreshes the
// results in place and pushes the new URL, so the back button and bookmarks keep working.
// Without this file the page works through its plain GET forms.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var region = document.getElementById("search-region");
  if (!region || !window.fetch || !window.history.pushState) { return; }

  function formUrl(form) {
    var params = new URLSearchParams(new FormData(form));
    params.delete("page");
    return form.getAttribute("action") + "?" + params.toString();
  }

  function load(url, push) {
    var partial = url + (url.indexOf("?") >= 0 ? "&" : "?") + "partial=1";
    region.classList.add("is-loading");
    return fetch(partial, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) {
        region.innerHTML = html;
        region.classList.remove("is-loading");
        if (push) { window.history.pushState({ url: url }, "", url); shown = url; }
        enhance();
      })
      .catch(function () { window.location.href = url; });
  }

  function enhance() {
    var facetForm = document.getElementById("facet-form");
    if (facetForm) {
      facetForm.addEventListener("change", function (e) {
        if (e.target.type === "checkbox") { load(formUrl(facetForm), true); }
      });
    }
    var sortForm = region.querySelector(".sort-form");
    if (sortForm) {
      sortForm.addEventListener("change", function () { load(formUrl(sortForm), true); });
    }
    region.querySelectorAll(".facet-filter").forEach(function (input) {
      input.hidden = false;
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        input.closest("fieldset").querySelectorAll("li").forEach(function (li) {
          li.hidden = needle !== "" && li.textContent.toLowerCase().indexOf(needle) < 0;
        });
      });
    });
    region.querySelectorAll(".chips a, .kind-tabs a, .pager a, .suggestions a").forEach(function (a) {
      a.addEventListener("click", function (e) {
        if (e.metaKey || e.ctrlKey || e.shiftKey) { return; }
        e.preventDefault();
        load(a.getAttribute("href"), true);
      });
    });
  }

  // A jump to an anchor ("skip to results") also fires popstate: reload only when the query changed.
  var shown = window.location.pathname + window.location.search;
  window.addEventListener("popstate", function () {
    var here = window.location.pathname + window.location.search;
    if (here === shown) { return; }
    shown = here;
    load(here, false);
  });
  enhance();
})();
