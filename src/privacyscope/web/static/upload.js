// privacyscope upload: files or a folder (picker or drag and drop) are sent one by one with
// XMLHttpRequest (upload progress events), then the audit is started and its status polled.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);
  var box = document.getElementById("progress-box");
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var fileInput = document.getElementById("file-input");
  var folderInput = document.getElementById("folder-input");
  var busy = false;

  function say(message, fraction) {
    box.hidden = false;
    text.textContent = message;
    if (typeof fraction === "number") { bar.value = Math.max(0, Math.min(1, fraction)); }
  }
  function mb(n) { return (n / 1048576).toFixed(1) + " MB"; }
  function fail(message) {
    busy = false;
    form.classList.remove("busy");
    say("Failed: " + message);
    text.classList.add("error");
  }
  function request(method, url, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      if (onProgress) { xhr.upload.onprogress = function (e) { onProgress(e.loaded); }; }
      xhr.onload = function () {
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = {}; }
        if (xhr.status >= 200 && xhr.status < 300) { resolve(data); }
        else { reject(new Error(data.error || ("HTTP " + xhr.status))); }
      };
      xhr.onerror = function () { reject(new Error("the connection to privacyscope failed")); };
      if (body !== null && !(body instanceof Blob)) { xhr.setRequestHeader("Content-Type", "application/json"); }
      xhr.send(body);
    });
  }
  function poll(id) {
    request("GET", "/api/audits/" + id + "/status", null).then(function (st) {
      if (st.phase === "done") {
        say("Done. Opening the dashboard…", 1);
        window.location.assign("/audits/" + id + "/");
        return;
      }
      if (st.phase === "error") { fail(st.error || "the audit failed"); return; }
      var label = st.phase === "writing" ? "Writing the reports and database…" :
        st.phase === "queued" ? "Waiting for another audit to finish…" :
        "Reading the export: " + mb(st.bytes_done) + " of " + mb(st.bytes_total) +
        ", " + st.records.toLocaleString() + " records";
      say(label, st.phase === "writing" ? 1 : st.fraction);
      window.setTimeout(function () { poll(id); }, 400);
    }, function (err) { fail(err.message); });
  }
  function start(items, name) {
    // items: [{file: File, path: "relative/path"}]
    if (busy || items.length === 0) { return; }
    var total = items.reduce(function (n, it) { return n + it.file.size; }, 0);
    if (total > maxBytes) { fail("the export (" + mb(total) + ") is larger than the limit (" + mb(maxBytes) + ")"); return; }
    busy = true;
    form.classList.add("busy");
    text.classList.remove("error");
    say("Uploading " + name + "…", 0);
    request("POST", "/api/audits", JSON.stringify({ name: name, bytes: total, files: items.length }))
      .then(function (created) {
        var done = 0;
        var chain = Promise.resolve();
        items.forEach(function (it) {
          chain = chain.then(function () {
            var url = "/api/audits/" + created.id + "/files?path=" + encodeURIComponent(it.path);
            return request("PUT", url, it.file, function (loaded) {
              say("Uploading " + name + ": " + mb(done + loaded) + " of " + mb(total), total ? (done + loaded) / total : 0);
            }).then(function () { done += it.file.size; });
          });
        });
        return chain.then(function () {
          say("Upload complete. Reading the export…", 0);
          return request("POST", "/api/audits/" + created.id + "/start", null);
        }).then(function () { poll(created.id); });
      })
      .catch(function (err) { fail(err.message); });
  }
  function fromFileList(list) {
    var items = [];
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      items.push({ file: f, path: f.webkitRelativePath || f.name });
    }
    return items;
  }
  function nameOf(items) {
    if (items.length === 1) { return items[0].file.name; }
    return items[0].path.split("/")[0] || "folder";
  }
  fileInput.addEventListener("change", function () {
    var items = fromFileList(fileInput.files);
    start(items, nameOf(items));
  });
  folderInput.addEventListener("change", function () {
    var items = fromFileList(folderInput.files);
    start(items, nameOf(items));
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  // drag and drop, folders included (webkitGetAsEntry)
  function readEntry(entry, prefix, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push({ file: f, path: prefix + f.name }); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        var all = [];
        var more = function () {
          reader.readEntries(function (batch) {
            if (batch.length === 0) {
              Promise.all(all.map(function (child) { return readEntry(child, prefix + entry.name + "/", out); })).then(resolve);
            } else { all = all.concat(Array.prototype.slice.call(batch)); more(); }
          }, function () { resolve(); });
        };
        more();
      } else { resolve(); }
    });
  }
  ["dragenter", "dragover"].forEach(function (type) {
    form.addEventListener(type, function (e) { e.preventDefault(); form.classList.add("over"); });
  });
  form.addEventListener("dragleave", function () { form.classList.remove("over"); });
  form.addEventListener("drop", function (e) {
    e.preventDefault();
    form.classList.remove("over");
    var dt = e.dataTransfer;
    var entries = [];
    if (dt.items) {
      for (var i = 0; i < dt.items.length; i++) {
        var entry = dt.items[i].webkitGetAsEntry ? dt.items[i].webkitGetAsEntry() : null;
        if (entry) { entries.push(entry); }
      }
    }
    if (entries.length === 0) {
      var items = fromFileList(dt.files);
      start(items, items.length ? nameOf(items) : "export");
      return;
    }
    var out = [];
    Promise.all(entries.map(function (en) { return readEntry(en, "", out); })).then(function () {
      start(out, out.length ? nameOf(out) : "export");
    });
  });
})();
