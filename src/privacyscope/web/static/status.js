// privacyscope: while an audit runs, poll its status and reload when it is done.
(function () {
  "use strict";
  var box = document.getElementById("job-status");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  function tick() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (st) {
      if (st.phase === "done") { window.location.reload(); return; }
      if (st.phase === "error") { text.textContent = "Failed: " + (st.error || "the audit failed"); return; }
      bar.value = st.phase === "writing" ? 1 : st.fraction;
      text.textContent = st.phase === "writing" ? "Writing the reports and database…" :
        "Reading: " + st.records.toLocaleString() + " records so far";
      window.setTimeout(tick, 500);
    }).catch(function () { window.setTimeout(tick, 2000); });
  }
  tick();
})();
