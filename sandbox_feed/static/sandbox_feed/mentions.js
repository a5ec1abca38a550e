// "@" in the composer or a comment box suggests classmates: an ARIA combobox (listbox popup,
// aria-activedescendant), arrows to move, Enter to pick, Escape to close. The names come once from the
// class's members endpoint (data-mentions-url), the words from data-* attributes on the same element.
(function () {
  "use strict";
  var source = document.querySelector("[data-mentions-url]");
  if (!source) return;
  var data = source.dataset;
  var members = null;
  var loading = null;
  var made = 0;
  var FIELDS = "textarea[name=text], input[type=text][name=text]";
  var TRIGGER = /(^|[^\w@])@([\w\u00C0-\u024F]*)$/;

  function load() {
    if (members) return Promise.resolve(members);
    if (!loading) {
      loading = fetch(data.mentionsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (list) { members = list; return list; })
        .catch(function () { loading = null; return []; });
    }
    return loading;
  }

  function attach(field) {
    if (field.dataset.mentionsReady) return;
    field.dataset.mentionsReady = "1";
    made += 1;
    var listId = "noem-lijst-" + made;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "mention-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", data.mentionsLabel || "");
    list.hidden = true;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var anchor = field.closest(".inline-field") || field;
    anchor.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    field.setAttribute("role", "combobox");
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-expanded", "false");
    field.setAttribute("aria-controls", listId);

    var options = [];
    var active = -1;
    var query = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      query = null;
      field.setAttribute("aria-expanded", "false");
      field.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      options.forEach(function (option, i) {
        option.element.setAttribute("aria-selected", i === index ? "true" : "false");
        option.element.classList.toggle("is-active", i === index);
      });
      if (index >= 0) {
        field.setAttribute("aria-activedescendant", options[index].element.id);
        options[index].element.scrollIntoView({ block: "nearest" });
      } else field.removeAttribute("aria-activedescendant");
    }

    function pick(index) {
      var member = options[index] && options[index].member;
      if (!member) return;
      var caret = field.selectionStart;
      var before = field.value.slice(0, caret);
      var match = TRIGGER.exec(before);
      if (!match) return close();
      var start = caret - match[2].length;
      var insert = member.name + " ";
      field.value = field.value.slice(0, start) + insert + field.value.slice(caret);
      var position = start + insert.length;
      field.setSelectionRange(position, position);
      close();
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function show(found) {
      list.textContent = "";
      options = found.slice(0, 8).map(function (member, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = member.label;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the text box
          pick(i);
        });
        list.appendChild(item);
        return { member: member, element: item };
      });
      if (!options.length) {
        close();
        status.textContent = data.mentionsNone || "";
        return;
      }
      list.hidden = false;
      field.setAttribute("aria-expanded", "true");
      highlight(0);
      status.textContent = (options.length === 1 ? data.mentionsOne : data.mentionsMany || "").replace(
        "%(n)s",
        String(options.length)
      );
    }

    function update() {
      var caret = field.selectionStart;
      var match = caret === null ? null : TRIGGER.exec(field.value.slice(0, caret));
      if (!match) return close();
      var typed = match[2].toLocaleLowerCase("nl");
      if (typed === query && !list.hidden) return;
      query = typed;
      load().then(function (list) {
        if (query !== typed) return;
        show(list.filter(function (member) { return member.name.toLocaleLowerCase("nl").indexOf(typed) === 0; }));
      });
    }

    field.addEventListener("input", update);
    field.addEventListener("blur", close);
    field.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + options.length) % options.length);
      } else if (event.key === "Enter") {
        if (active >= 0) {
          event.preventDefault(); // pick the name, do not send the form
          pick(active);
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") close();
    });
  }

  function scan(root) {
    if (root.matches && root.matches(FIELDS)) attach(root);
    if (root.querySelectorAll) root.querySelectorAll(FIELDS).forEach(attach);
  }

  scan(document);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) { if (node.nodeType === 1) scan(node); });
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
