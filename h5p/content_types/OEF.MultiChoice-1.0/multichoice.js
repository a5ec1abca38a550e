/* A multiple-choice question: pick one answer, check it, see why. Reports an "answered" xAPI statement. */
var H5P = window.H5P = window.H5P || {};
// The player finds a library's constructor by its full machine name: window.OEF.<Name>.
var OEF = window.OEF = window.OEF || {};
OEF.MultiChoice = (function (EventDispatcher, C) {
  "use strict";

  function MultiChoice(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.answers = this.params.answers || [];
    var previous = (extras && extras.previousState) || {};
    this.chosen = typeof previous.chosen === "number" ? previous.chosen : null;
    this.checked = !!previous.checked;
  }
  MultiChoice.prototype = Object.create(EventDispatcher.prototype);
  MultiChoice.prototype.constructor = MultiChoice;

  MultiChoice.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.classList.add("oef-activity", "oef-mc");
    root.innerHTML = "";
    root.appendChild(C.el("div", "oef-mc-question", this.params.question || ""));
    var list = C.el("ul", "oef-mc-answers");
    this.buttons = this.answers.map(function (answer, index) {
      var item = C.el("li");
      var choice = C.button("", "oef-mc-choice", function () { self.choose(index); });
      choice.innerHTML = answer.text || "";
      choice.setAttribute("aria-pressed", "false");
      item.appendChild(choice);
      list.appendChild(item);
      return choice;
    });
    root.appendChild(list);
    this.checkButton = C.button(this.params.checkLabel || "Nakijken", "oef-primary", function () { self.check(); });
    this.retryButton = C.button(this.params.retryLabel || "Opnieuw", "", function () { self.resetTask(); });
    this.feedback = C.feedback();
    root.appendChild(this.checkButton);
    root.appendChild(this.retryButton);
    root.appendChild(this.feedback);
    this.render();
  };

  MultiChoice.prototype.choose = function (index) {
    if (this.checked) { return; }
    this.chosen = index;
    this.render();
    this.triggerXAPI("interacted");
  };

  MultiChoice.prototype.check = function () {
    if (this.chosen === null) {
      this.feedback.textContent = "Kies eerst een antwoord.";
      return;
    }
    this.checked = true;
    this.render();
    var score = this.getScore();
    this.triggerXAPIScored(score, this.getMaxScore(), "answered", true, score === this.getMaxScore());
  };

  MultiChoice.prototype.render = function () {
    var self = this;
    this.buttons.forEach(function (choice, index) {
      choice.setAttribute("aria-pressed", index === self.chosen ? "true" : "false");
      choice.disabled = self.checked;
    });
    this.checkButton.hidden = this.checked;
    this.retryButton.hidden = !this.checked;
    this.feedback.innerHTML = "";
    if (this.checked && this.chosen !== null) {
      var answer = this.answers[this.chosen] || {};
      var verdict = C.el("p", answer.correct ? "oef-correct" : "oef-wrong");
      verdict.textContent = answer.correct ? "Goed zo!" : "Dat klopt niet helemaal.";
      this.feedback.appendChild(verdict);
      if (answer.explanation) { this.feedback.appendChild(C.el("p", "oef-mc-explanation", answer.explanation)); }
    }
    this.trigger("resize");
  };

  MultiChoice.prototype.getScore = function () {
    var answer = this.chosen === null ? null : this.answers[this.chosen];
    return this.checked && answer && answer.correct ? 1 : 0;
  };
  MultiChoice.prototype.getMaxScore = function () { return 1; };
  MultiChoice.prototype.getAnswerGiven = function () { return this.checked; };
  MultiChoice.prototype.showSolutions = function () { this.checked = true; this.render(); };
  MultiChoice.prototype.resetTask = function () { this.chosen = null; this.checked = false; this.render(); };
  MultiChoice.prototype.getCurrentState = function () { return { chosen: this.chosen, checked: this.checked }; };
  MultiChoice.prototype.getTitle = function () { return H5P.createTitle(this.params.question || "Meerkeuzevraag"); };
  MultiChoice.prototype.getXAPIData = function () {
    var event = this.createXAPIEventTemplate("answered");
    event.setScoredResult(this.getScore(), this.getMaxScore(), this, true, this.getScore() === this.getMaxScore());
    return { statement: event.data.statement };
  };

  return MultiChoice;
})(H5P.EventDispatcher, OEF.Common);
