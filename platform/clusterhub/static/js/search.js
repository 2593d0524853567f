// Progressive enhancement of /search. Without this file the page works through its plain GET
// forms. With it:
// - ticking a facet or changing the sort refreshes the results in place and pushes the new URL
//   (back button and bookmarks keep working), and focus stays on the control that was used;
// - typing in the box refreshes the results after a pause (replaceState: the URL stays the one
//   to share), and an autocomplete (WAI-ARIA combobox with a listbox) offers concepts, places
//   and titles from /api/v1/suggest.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var region = document.getElementById("search-region");
  if (!region || !window.fetch || !window.history.pushState || !window.URLSearchParams) { return; }
  var DELAY = 250;
  var seq = 0;            // the latest results request; older answers are dropped
  var inflight = null;
  var shown = window.location.pathname + window.location.search;   // the URL the results are for

  function formUrl(form) {
    var params = new URLSearchParams(new FormData(form));
    params.delete("page");
    return form.getAttribute("action") + "?" + params.toString();
  }

  // Where focus was inside the results, said so that the new results can find it again.
  function focusKey() {
    var el = document.activeElement;
    if (!el || !region.contains(el)) { return null; }
    if (el.id) { return "#" + CSS.escape(el.id); }
    if (el.name && el.type === "checkbox") {
      return 'input[type="checkbox"][name="' + CSS.escape(el.name) + '"][value="' + CSS.escape(el.value) + '"]';
    }
    return ".results-head h1";
  }

  function restoreFocus(key) {
    if (!key) { return; }
    var el = region.querySelector(key) || region.querySelector(".results-head h1");
    if (!el) { return; }
    if (el.tagName === "H1") { el.setAttribute("tabindex", "-1"); }
    el.focus({ preventScroll: true });
  }

  // mode: "push" (a new step in history), "replace" (typing) or "none" (back/forward).
  // submitted: the user asked for this search (Enter, a suggestion), so the server logs it.
  function load(url, mode, submitted) {
    var partial = url + (url.indexOf("?") >= 0 ? "&" : "?") + "partial=1" + (submitted ? "&submitted=1" : "");
    var mine = ++seq;
    var key = focusKey();
    if (inflight) { inflight.abort(); }
    inflight = window.AbortController ? new AbortController() : null;
    region.classList.add("is-loading");
    region.setAttribute("aria-busy", "true");
    return fetch(partial, { headers: { "Accept": "text/html" }, credentials: "same-origin",
                            signal: inflight ? inflight.signal : undefined })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) {
        if (mine !== seq) { return; }
        region.innerHTML = html;
        region.classList.remove("is-loading");
        region.removeAttribute("aria-busy");
        if (mode === "push") { window.history.pushState({ url: url }, "", url); }
        if (mode === "replace") { window.history.replaceState({ url: url }, "", url); }
        if (mode !== "none") { shown = url; }
        document.title = titleFor(url);
        enhance();
        restoreFocus(key);
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") { return; }
        if (window.console) { console.error("search: falling back to a page load", err); }
        if (mine === seq) { window.location.href = url; }
      });
  }

  function titleFor(url) {
    var q = new URLSearchParams(url.split("?")[1] || "").get("q");
    var base = document.title.split(" · ").pop();
    return q ? q + " · " + base : base;
  }

  function enhance() {
    var facetForm = document.getElementById("facet-form");
    if (facetForm) {
      facetForm.addEventListener("change", function (e) {
        if (e.target.type === "checkbox") { load(formUrl(facetForm), "push"); }
      });
    }
    var sortForm = region.querySelector(".sort-form");
    if (sortForm) {
      sortForm.addEventListener("change", function () { load(formUrl(sortForm), "push"); });
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
        load(a.getAttribute("href"), "push");
      });
    });
  }

  // The URL of the current results with another q (facets, kind and sort kept; back to page 1).
  function urlWithQ(form, q) {
    var params = new URLSearchParams(window.location.search);
    params.delete("page");
    params.delete("strict");
    if (q) { params.set("q", q); } else { params.delete("q"); }
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  // A jump to an anchor ("skip to results") also fires popstate: reload only when the query changed.
  window.addEventListener("popstate", function () {
    var here = window.location.pathname + window.location.search;
    if (here === shown) { return; }
    shown = here;
    load(here, "none");
    var box = document.getElementById("q");
    if (box) { box.value = new URLSearchParams(window.location.search).get("q") || ""; }
  });
  enhance();
  if (window.ClusterHubSuggest) {
    window.ClusterHubSuggest.attach({ load: load, urlWithQ: urlWithQ, delay: DELAY });
  }
})();
