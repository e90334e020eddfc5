/* Knoten's own script: name suggestions for person fields, and the "L" shortcut.
 *
 * An input marked data-autocomplete="person" (one name) or "people" (names separated
 * by commas) becomes a combobox (WAI-ARIA 1.2): typing asks /people/suggest/ for
 * matching persons, arrow keys move through them, Enter or a click picks one, Escape
 * closes the list. A picked name also leaves a hidden input "picked" = "ID:Name" in
 * the form, so two people of the same name stay apart. Without this script every
 * such field still works: the server looks typed names up itself.
 */
(function () {
  "use strict";

  var counter = 0;

  function currentPart(input) {
    if (input.dataset.autocomplete !== "people") return input.value;
    var parts = input.value.split(/[,;]/);
    return parts[parts.length - 1];
  }

  function replaceCurrentPart(input, name) {
    if (input.dataset.autocomplete !== "people") {
      input.value = name;
      return;
    }
    var parts = input.value.split(/[,;]/);
    parts[parts.length - 1] = " " + name;
    input.value = parts.map(function (p) { return p.trim(); }).filter(Boolean).join(", ") + ", ";
  }

  function setUp(input) {
    if (input.dataset.autocompleteReady) return;
    input.dataset.autocompleteReady = "1";
    counter += 1;
    var list = document.createElement("ul");
    list.id = (input.id || "field") + "-suggestions-" + counter;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.insertAdjacentElement("afterend", list);
    var timer = null;
    var active = -1;
    var asked = 0;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function pick(option) {
      var name = option.dataset.name;
      replaceCurrentPart(input, name);
      var form = input.form;
      if (form) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = input.dataset.pickedName || "picked";
        hidden.value = option.dataset.id + ":" + name;
        form.appendChild(hidden);
      }
      close();
      input.focus();
    }

    function show(people) {
      list.replaceChildren();
      active = -1;
      people.forEach(function (person, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = person.id;
        option.dataset.name = person.name;
        option.textContent = person.name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(option);
        });
        list.appendChild(option);
      });
      list.hidden = people.length === 0;
      input.setAttribute("aria-expanded", people.length ? "true" : "false");
    }

    function ask() {
      var query = currentPart(input).trim();
      if (query.length < 2) { close(); return; }
      var mine = ++asked;
      fetch("/people/suggest/?q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { people: [] }; })
        .then(function (data) { if (mine === asked) show(data.people || []); })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(options()[active]); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function setUpAll(root) {
    root.querySelectorAll("input[data-autocomplete]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  document.addEventListener("htmx:load", function (event) { setUpAll(event.target); });

  /* A form marked data-upload-progress sends its file with a progress bar: how much of
     the file is sent, then a moving bar while the server reads it. The server answers
     with a redirect (followed here) or with the form and its messages (shown here). */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload-progress]")) return;
    var bar = form.querySelector("progress");
    if (!bar || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "text/html");
    bar.hidden = false;
    bar.value = 0;
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    request.upload.addEventListener("load", function () { bar.removeAttribute("value"); });
    request.addEventListener("load", function () {
      if (request.status < 300 && request.responseURL && request.responseURL !== form.action) {
        window.location.assign(request.responseURL);
        return;
      }
      var page = new DOMParser().parseFromString(request.responseText, "text/html");
      document.title = page.title;
      document.body.replaceWith(page.body);
      var alert = document.querySelector("[role=alert]");
      if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
    });
    request.addEventListener("error", function () { bar.hidden = true; form.submit(); });
    request.send(new FormData(form));
  });

  /* "L" anywhere outside a field opens "Log a conversation". */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "l" && event.key !== "L") return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    // On a page with a log box (home), "L" puts the cursor into it; elsewhere it opens the page.
    var box = document.querySelector("[data-log-box] input:not([type=hidden]), [data-log-box] textarea");
    if (box) { event.preventDefault(); box.focus(); box.scrollIntoView({ block: "center" }); return; }
    var link = document.querySelector("a.log-link");
    if (link) { event.preventDefault(); link.click(); }
  });
})();

/* The frame and the shared components (templates/web/parts/): the menu on a phone, the
 * filter panel, toasts, and choosing rows of a list for a bulk action. Without this
 * script the menu and the panel stay open and toasts stay until the next page. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var wide = window.matchMedia("(min-width: 60rem)");

  function setUp(root) {
    root.querySelectorAll("details.side-panel").forEach(function (panel) {
      if (panel.dataset.ready) return;
      panel.dataset.ready = "1";
      if (wide.matches) panel.open = true;
    });
    root.querySelectorAll("[data-toast]").forEach(function (toast) {
      if (toast.dataset.ready) return;
      toast.dataset.ready = "1";
      var timer = null;
      function later() {
        clearTimeout(timer);
        timer = setTimeout(function () { toast.hidden = true; }, toast.querySelector("form") ? 15000 : 8000);
      }
      toast.addEventListener("mouseenter", function () { clearTimeout(timer); });
      toast.addEventListener("focusin", function () { clearTimeout(timer); });
      toast.addEventListener("mouseleave", later);
      later();
    });
    root.querySelectorAll("[data-pick-form]").forEach(updatePicked);
  }

  function updatePicked(form) {
    var boxes = form.querySelectorAll("input[data-pick]");
    var picked = 0;
    boxes.forEach(function (box) {
      if (box.checked) picked += 1;
      var row = box.closest("tr");
      if (row) row.classList.toggle("is-selected", box.checked);
    });
    var all = form.querySelector("input[data-pick-all]");
    if (all) {
      all.checked = picked > 0 && picked === boxes.length;
      all.indeterminate = picked > 0 && picked < boxes.length;
    }
    var count = form.querySelector("[data-pick-count]");
    if (count) count.textContent = count.dataset.template.replace("%(count)s", String(picked));
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var toggle = target.closest(".menu-toggle");
    if (toggle) {
      var bar = toggle.closest("header.bar");
      var open = !bar.classList.contains("open");
      bar.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    var close = target.closest("[data-toast-close]");
    if (close) { close.closest("[data-toast]").hidden = true; }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches) return;
    var form = target.closest("[data-pick-form]");
    if (!form) return;
    if (target.matches("input[data-pick-all]")) {
      form.querySelectorAll("input[data-pick]").forEach(function (box) { box.checked = target.checked; });
    }
    if (target.matches("input[data-pick], input[data-pick-all]")) updatePicked(form);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var bar = document.querySelector("header.bar.open");
    if (bar) {
      bar.classList.remove("open");
      var toggle = bar.querySelector(".menu-toggle");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) { setUp(event.target); });
})();

/* A row's rarer actions on demand (issue 17's page budget): a <details data-more> holds a
 * link to them; opened the first time, htmx fetches that address and the answer takes
 * the link's place. Without this script (or htmx) the link opens them as a page. */
(function () {
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("details[data-more]") || !box.open || !window.htmx) return;
    var link = box.querySelector(":scope > a[href]");
    if (!link) return;
    var address = link.href;
    link.removeAttribute("href");  // once: a second opening finds the forms already there
    window.htmx.ajax("GET", address, { target: link, swap: "outerHTML" });
  }, true);
})();
