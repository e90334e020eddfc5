// The draft page: "Copy" puts the edited subject and text on the clipboard; the mailto
// link follows what was edited. Written for Knoten, no library.
(function () {
  "use strict";
  function setup() {
    var subject = document.getElementById("draft-subject");
    var body = document.getElementById("draft-body");
    var copy = document.getElementById("draft-copy");
    var open = document.getElementById("draft-mailto");
    if (!subject || !body) { return; }
    function refresh() {
      if (open && open.dataset.email) {
        open.href = "mailto:" + open.dataset.email + "?subject=" +
          encodeURIComponent(subject.value) + "&body=" + encodeURIComponent(body.value);
      }
      document.querySelectorAll("input[data-draft=subject]").forEach(function (el) { el.value = subject.value; });
      document.querySelectorAll("input[data-draft=body]").forEach(function (el) { el.value = body.value; });
    }
    subject.addEventListener("input", refresh);
    body.addEventListener("input", refresh);
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var text = body.value;
        var done = function () { copy.textContent = copy.dataset.done; };
        if (navigator.clipboard) {
          navigator.clipboard.writeText(text).then(done);
        } else {
          body.select(); document.execCommand("copy"); done();
        }
      });
    }
    refresh();
  }
  document.addEventListener("DOMContentLoaded", setup);
})();
