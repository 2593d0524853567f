// The search box as a WAI-ARIA combobox (list autocomplete): results follow what is typed, and a
// listbox offers concepts, places and titles from /api/v1/suggest. Arrow keys move through the
// options (aria-activedescendant; focus stays in the box), Enter picks one, Escape closes the
// list, Tab leaves it. Loaded before search.js, which calls attach(). No library, no inline code.
(function () {
  "use strict";

  function attach(page) {
    var box = document.getElementById("q");
    var form = box && box.form;
    if (!box || !form) { return; }
    var listId = "q-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-suggest-label") || "");
    list.hidden = true;
    box.parentNode.insertBefore(list, box.nextSibling);
    form.classList.add("has-suggest");
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", listId);
    var kinds = {
      concept: form.getAttribute("data-kind-concept") || "concept",
      place: form.getAttribute("data-kind-place") || "place",
      title: form.getAttribute("data-kind-title") || "title"
    };
    var options = [];
    var active = -1;
    var timer = null;
    var lastQ = box.value.trim();
    var suggestSeq = 0;

    function open() {
      if (!options.length) { close(); return; }
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      setActive(-1);
    }

    function setActive(n) {
      options.forEach(function (li, i) { li.setAttribute("aria-selected", i === n ? "true" : "false"); });
      active = n;
      if (n >= 0) {
        box.setAttribute("aria-activedescendant", options[n].id);
        options[n].scrollIntoView({ block: "nearest" });
      } else {
        box.removeAttribute("aria-activedescendant");
      }
    }

    function render(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (s, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "suggest-option suggest-" + s.kind;
        li.dataset.text = s.text;
        var text = document.createElement("span");
        text.className = "suggest-text";
        text.textContent = s.text;
        li.appendChild(text);
        var detail = s.kind === "title" && s.count > 1 ? "× " + s.count : s.detail;
        if (detail && s.kind !== "title") {
          var d = document.createElement("span");
          d.className = "suggest-detail";
          d.textContent = detail;
          li.appendChild(d);
        }
        var kind = document.createElement("span");
        kind.className = "suggest-kind";
        kind.textContent = kinds[s.kind] + (s.kind === "title" && s.count > 1 ? " × " + s.count : "");
        li.appendChild(kind);
        // mousedown, not click: the box keeps focus (and the list is not closed by blur first).
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
        return li;
      });
      active = -1;
      if (document.activeElement === box) { open(); } else { close(); }
    }

    function fetchSuggestions(q) {
      var mine = ++suggestSeq;
      if (!q) { render([]); return; }
      fetch("/api/v1/suggest?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" },
                                                            credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (body) { if (mine === suggestSeq) { render(body.suggestions || []); } })
        .catch(function () { if (mine === suggestSeq) { render([]); } });
    }

    function search(mode, submitted) {
      var q = box.value.trim();
      if (q === lastQ && mode === "replace") { return; }
      lastQ = q;
      page.load(page.urlWithQ(form, q), mode, submitted);
    }

    function choose(n) {
      box.value = options[n].dataset.text;
      close();
      window.clearTimeout(timer);
      lastQ = null;
      search("push", true);
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        fetchSuggestions(box.value.trim());
        search("replace");
      }, page.delay);
    });

    box.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (list.hidden) { open(); if (list.hidden) { return; } }
        e.preventDefault();
        var step = e.key === "ArrowDown" ? 1 : -1;
        var n = active + step;
        if (n >= options.length) { n = 0; }
        if (n < 0) { n = options.length - 1; }
        setActive(n);
      } else if (e.key === "Enter" && !list.hidden && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); }
      } else if (e.key === "Tab") {
        close();
      }
    });

    box.addEventListener("blur", function () { close(); });
    box.addEventListener("focus", function () { if (options.length && box.value.trim()) { open(); } });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      window.clearTimeout(timer);
      close();
      lastQ = box.value.trim();
      page.load(page.urlWithQ(form, lastQ), "push", true);
    });
  }

  window.ClusterHubSuggest = { attach: attach };
})();
