/* The command palette and the keyboard shortcut sheet (issue 17).
 *
 * Ctrl+K or Cmd+K (anywhere, also in a field) and "/" (outside a field) open the palette:
 * a modal <dialog> whose input is an ARIA 1.2 combobox. Typing asks /palette/?q= for the
 * persons, organisations and commands that match; the arrow keys move through them, Enter
 * opens the active one (the first when none is chosen), Escape closes. How many results
 * there are is said in a live region. "?" outside a field opens the shortcut sheet.
 * Without this script the palette is never shown; the header's search still works.
 */
(function () {
  "use strict";

  var palette, input, list, status, timer = null, asked = 0, active = -1, items = [];

  function inField(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  function say(text) { if (status) status.textContent = text; }

  function options() { return list.querySelectorAll("[role=option]"); }

  function highlight(index) {
    var all = options();
    if (!all.length) { active = -1; input.removeAttribute("aria-activedescendant"); return; }
    active = (index + all.length) % all.length;
    all.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  // A person's picture as the lists draw it (web/parts/avatar.html): their photo, or
  // their initials on a colour of their own; decoration beside the name.
  function avatar(face) {
    var element;
    if (face.photo) {
      element = document.createElement("img");
      element.src = face.photo;
      element.alt = "";
      element.width = element.height = 28;
      element.className = "avatar small";
    } else {
      element = document.createElement("span");
      element.className = "avatar small hue-" + face.hue;
      element.textContent = face.initials;
      element.setAttribute("aria-hidden", "true");
    }
    return element;
  }

  function show(found, error, typed) {
    items = found;
    list.replaceChildren();
    list.dataset.answers = typed || "";  // what the options answer (tests wait for it)
    found.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = "palette-option-" + i;
      option.className = "palette-item kind-" + item.kind;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      if (item.avatar) option.appendChild(avatar(item.avatar));
      var label = document.createElement("span");
      label.className = "palette-label";
      label.textContent = item.label;
      option.appendChild(label);
      if (item.hint) {
        var hint = document.createElement("span");
        hint.className = "palette-hint";
        hint.textContent = item.hint;
        option.appendChild(hint);
      }
      option.addEventListener("mousedown", function (event) { event.preventDefault(); go(i); });
      list.appendChild(option);
    });
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    highlight(0);
    var words = palette.dataset;
    if (error) say(error);
    else if (!found.length) say(words.none || "");
    else say((found.length === 1 ? words.one : words.many || "").replace("%(count)s", found.length));
  }

  function ask() {
    var mine = ++asked, typed = input.value.trim();
    fetch(palette.dataset.url + "?q=" + encodeURIComponent(typed), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (mine === asked) show(data.items || [], data.error, typed); })
      .catch(function () { if (mine === asked) show([], null, typed); });
  }

  function go(index) {
    var item = items[index];
    if (item) window.location.assign(item.url);
  }

  function open(text) {
    if (!palette || palette.open) return;
    var shortcuts = document.getElementById("shortcuts");
    if (shortcuts && shortcuts.open) shortcuts.close();
    input.value = text || "";
    palette.showModal();
    input.focus();
    ask();
  }

  function setUp() {
    palette = document.getElementById("palette");
    if (!palette || !palette.showModal) { palette = null; return; }
    input = document.getElementById("palette-q");
    list = document.getElementById("palette-list");
    status = document.getElementById("palette-status");
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 80);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Home" && event.ctrlKey) { event.preventDefault(); highlight(0); }
      else if (event.key === "Enter") {
        // What was typed may not be answered yet: ask now, then open the first.
        event.preventDefault();
        if (items.length && active >= 0) { go(active); return; }
        clearTimeout(timer);
        ask();
        var mine = asked;
        var wait = setInterval(function () {
          if (asked !== mine) { clearInterval(wait); return; }
          if (items.length) { clearInterval(wait); go(Math.max(active, 0)); }
        }, 30);
        setTimeout(function () { clearInterval(wait); }, 3000);
      }
    });
    palette.addEventListener("click", function (event) {
      if (event.target === palette) palette.close();  // a click on the backdrop
    });
    palette.addEventListener("close", function () {
      list.replaceChildren();
      delete list.dataset.answers;
      items = [];
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    });
  }

  document.addEventListener("keydown", function (event) {
    if (!palette) return;
    var key = event.key;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === "k" || key === "K")) {
      event.preventDefault();
      if (palette.open) palette.close(); else open("");
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || inField(event.target)) return;
    if (document.querySelector("dialog[open]")) return;
    if (key === "/") { event.preventDefault(); open(""); }
    else if (key === "?") {
      var sheet = document.getElementById("shortcuts");
      if (sheet && sheet.showModal) { event.preventDefault(); sheet.showModal(); }
    }
  });

  /* Any element marked data-palette opens the palette when clicked (the header's button). */
  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-palette]");
    if (opener && palette) { event.preventDefault(); open(""); }
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); return; }
    var sheet = event.target.closest && event.target.closest("[data-shortcuts]");
    if (sheet) {
      var dialog = document.getElementById("shortcuts");
      if (dialog && dialog.showModal) { event.preventDefault(); dialog.showModal(); }
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
