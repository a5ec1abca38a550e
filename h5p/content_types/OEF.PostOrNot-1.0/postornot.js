/* "Zou jij dit posten?": swipe (or press a button) to post or not post each scenario, then read why. */
var H5P = window.H5P = window.H5P || {};
// The player finds a library's constructor by its full machine name: window.OEF.<Name>.
var OEF = window.OEF = window.OEF || {};
OEF.PostOrNot = (function (EventDispatcher, C) {
  "use strict";
  var SWIPE_DISTANCE = 80;

  function PostOrNot(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.posts = this.params.posts || [];
    var previous = (extras && extras.previousState) || {};
    this.choices = Array.isArray(previous.choices) ? previous.choices.slice(0, this.posts.length) : [];
    this.revealed = false;
  }
  PostOrNot.prototype = Object.create(EventDispatcher.prototype);
  PostOrNot.prototype.constructor = PostOrNot;

  PostOrNot.prototype.attach = function ($container) {
    this.root = $container.get(0);
    this.root.classList.add("oef-activity", "oef-pon");
    this.render();
  };

  PostOrNot.prototype.render = function () {
    var self = this;
    var root = this.root;
    root.innerHTML = "";
    if (this.params.intro) { root.appendChild(C.el("div", "oef-pon-intro", this.params.intro)); }
    var index = this.choices.length;
    if (this.revealed) {
      this.renderReasoning(index - 1);
    } else if (index >= this.posts.length) {
      this.renderSummary();
    } else {
      var post = this.posts[index];
      var count = C.el("p", "oef-pon-count");
      count.textContent = "Bericht " + (index + 1) + " van " + this.posts.length;
      root.appendChild(count);
      var card = C.el("article", "oef-pon-card");
      card.setAttribute("aria-label", "Bericht van " + (post.author || ""));
      card.appendChild(C.el("p", "oef-pon-author", post.author || ""));
      card.appendChild(C.el("p", "oef-pon-text", post.text || ""));
      this.enableSwipe(card);
      root.appendChild(card);
      var choices = C.el("div", "oef-pon-choices");
      choices.appendChild(C.button("Niet posten", "", function () { self.decide(false); }));
      choices.appendChild(C.button("Posten", "oef-primary", function () { self.decide(true); }));
      root.appendChild(choices);
    }
    this.trigger("resize");
  };

  PostOrNot.prototype.renderReasoning = function (index) {
    var self = this;
    var post = this.posts[index];
    var right = this.choices[index] === !!post.shouldPost;
    var box = C.feedback();
    var verdict = C.el("p", right ? "oef-correct" : "oef-wrong");
    verdict.textContent = right ? "Goed gekozen!" : "Denk nog eens na.";
    box.appendChild(verdict);
    box.appendChild(C.el("div", "oef-pon-reasoning", post.reasoning || ""));
    this.root.appendChild(box);
    var next = C.button("Volgende", "oef-primary", function () { self.revealed = false; self.render(); });
    this.root.appendChild(next);
    next.focus();
  };

  PostOrNot.prototype.renderSummary = function () {
    var self = this;
    var summary = C.el("p", "oef-pon-summary");
    summary.setAttribute("role", "status");
    summary.textContent = "Klaar! Je koos " + this.getScore() + " van de " + this.getMaxScore() + " keer zoals wij zouden doen.";
    this.root.appendChild(summary);
    this.root.appendChild(C.button("Opnieuw", "", function () { self.resetTask(); }));
  };

  PostOrNot.prototype.enableSwipe = function (card) {
    var self = this;
    var startX = null;
    card.addEventListener("pointerdown", function (event) { startX = event.clientX; });
    card.addEventListener("pointermove", function (event) {
      if (startX !== null) { card.style.transform = "translateX(" + (event.clientX - startX) + "px)"; }
    });
    card.addEventListener("pointerup", function (event) {
      var distance = startX === null ? 0 : event.clientX - startX;
      startX = null;
      card.style.transform = "";
      if (Math.abs(distance) >= SWIPE_DISTANCE) { self.decide(distance > 0); }
    });
  };

  PostOrNot.prototype.decide = function (post) {
    this.choices.push(post);
    this.revealed = true;
    this.render();
    if (this.choices.length === this.posts.length) {
      var score = this.getScore();
      this.triggerXAPIScored(score, this.getMaxScore(), "completed", true, score === this.getMaxScore());
    }
  };

  PostOrNot.prototype.getScore = function () {
    var posts = this.posts;
    return this.choices.filter(function (choice, index) { return choice === !!posts[index].shouldPost; }).length;
  };
  PostOrNot.prototype.getMaxScore = function () { return this.posts.length; };
  PostOrNot.prototype.getAnswerGiven = function () { return this.choices.length > 0; };
  PostOrNot.prototype.resetTask = function () { this.choices = []; this.revealed = false; this.render(); };
  PostOrNot.prototype.getCurrentState = function () { return { choices: this.choices }; };
  PostOrNot.prototype.getTitle = function () { return "Zou jij dit posten?"; };

  return PostOrNot;
})(H5P.EventDispatcher, OEF.Common);
