"""Build good and malicious .h5p packages inside the tests."""

import io
import json
import stat
import zipfile

from h5p import builder

MB = 1024 * 1024


def library(name, major=1, minor=0, patch=0, deps=(), js="lib.js", extra_files=None, **meta):
    """{path: data} for a minimal library folder `name-major.minor`."""
    folder = f"{name}-{major}.{minor}"
    data = {
        "title": name,
        "machineName": name,
        "majorVersion": major,
        "minorVersion": minor,
        "patchVersion": patch,
        "runnable": 1,
        "preloadedJs": [{"path": js}],
        "preloadedDependencies": [{"machineName": d, "majorVersion": 1, "minorVersion": 0} for d in deps],
    }
    data.update(meta)
    files = {f"{folder}/library.json": data, f"{folder}/{js}": "/* library code */"}
    files.update({f"{folder}/{path}": value for path, value in (extra_files or {}).items()})
    return files


def h5p_json(main="OEF.Test", **overrides):
    data = {
        "title": "Testactiviteit",
        "language": "nl",
        "mainLibrary": main,
        "embedTypes": ["iframe"],
        "preloadedDependencies": [{"machineName": main, "majorVersion": 1, "minorVersion": 0}],
    }
    data.update(overrides)
    return data


def package(entries=None, *, main="OEF.Test", h5p=None, content=None, libraries=None):
    files = {"h5p.json": h5p if h5p is not None else h5p_json(main), "content/content.json": content or {"a": 1}}
    for lib in libraries if libraries is not None else [library(main)]:
        files.update(lib)
    files.update(entries or {})
    return io.BytesIO(builder.build_zip(files))


def own_package(folder="OEF.MultiChoice-1.0", content=None):
    content = content or {
        "question": "<p>Mag je een foto van een klasgenoot zomaar online zetten?</p>",
        "answers": [{"text": "Ja", "correct": False}, {"text": "Nee, vraag het eerst", "correct": True}],
    }
    return io.BytesIO(builder.build_package("Toets", folder, content))


def raw_zip(add):
    """A zip written by `add(zipfile)`, for entries builder.build_zip cannot make (symlinks, odd names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("h5p.json", json.dumps(h5p_json()))
        zf.writestr("content/content.json", "{}")
        for path, data in library("OEF.Test").items():
            zf.writestr(path, json.dumps(data) if isinstance(data, dict) else data)
        add(zf)
    buffer.seek(0)
    return buffer


def symlink_entry(zf, name, target):
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    zf.writestr(info, target)


# A content type that tries to reach out of its sandbox, renders what it got, and still scores and resumes.
PROBE_JS = r"""
var H5P = window.H5P = window.H5P || {};
var OEF = window.OEF = window.OEF || {};
OEF.Probe = (function (EventDispatcher) {
  "use strict";
  function Probe(params, contentId, extras) {
    EventDispatcher.call(this);
    var previous = (extras && extras.previousState) || {};
    this.done = previous.done === true;
  }
  Probe.prototype = Object.create(EventDispatcher.prototype);
  Probe.prototype.constructor = Probe;

  function attempt(label, read) {
    try { return label + ": gelezen " + JSON.stringify(read()); } catch (error) { return label + ": " + error.name; }
  }
  function line(root, className, text) {
    var node = document.createElement("p");
    node.className = className;
    node.textContent = text;
    root.appendChild(node);
  }

  Probe.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    line(root, "probe-parent", attempt("parent.document", function () {
      return window.parent.document.body.innerHTML;
    }));
    line(root, "probe-cookie", attempt("document.cookie", function () { return document.cookie; }));
    fetch("/api/v1/me", { credentials: "include" }).then(function (response) {
      return response.text().then(function (body) { return "fetch: " + response.status + " " + body; });
    }, function (error) { return "fetch: " + error.name; }).then(function (text) {
      line(root, "probe-fetch", text);
      self.trigger("resize");
    });
    var state = document.createElement("p");
    state.className = "probe-state";
    state.textContent = this.done ? "Verder waar je was: klaar" : "Nieuw begin";
    root.appendChild(state);
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Klaar";
    button.addEventListener("click", function () {
      self.done = true;
      state.textContent = "Klaar!";
      self.triggerXAPIScored(1, 1, "answered", true, true);
    });
    root.appendChild(button);
    this.trigger("resize");
  };
  Probe.prototype.getScore = function () { return this.done ? 1 : 0; };
  Probe.prototype.getMaxScore = function () { return 1; };
  Probe.prototype.getAnswerGiven = function () { return this.done; };
  Probe.prototype.getCurrentState = function () { return { done: this.done }; };
  return Probe;
})(H5P.EventDispatcher);
"""


def probe_package(title="Probeer uit te breken"):
    """A valid package whose library code tries parent.document, document.cookie and fetch('/api/v1/me')."""
    return package(
        main="OEF.Probe",
        h5p=h5p_json("OEF.Probe", title=title),
        content={"text": "probe"},
        libraries=[library("OEF.Probe", js="probe.js", extra_files={"probe.js": PROBE_JS})],
    )
