/* A row of questions, each a sub-content (its xAPI statements carry a subContentId); "completed" at the end. */
var H5P = window.H5P = window.H5P || {};
// The player finds a library's constructor by its full machine name: window.OEF.<Name>.
var OEF = window.OEF = window.OEF || {};
OEF.Quiz = (function (EventDispatcher, C) {
  "use strict";

  function Quiz(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.previous = (extras && extras.previousState) || {};
    this.questions = [];
  }
  Quiz.prototype = Object.create(EventDispatcher.prototype);
  Quiz.prototype.constructor = Quiz;

  Quiz.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.classList.add("oef-activity", "oef-quiz");
    root.innerHTML = "";
    if (this.params.title) { root.appendChild(C.el("h2", "oef-quiz-title", this.params.title)); }
    var states = this.previous.questions || [];
    (this.params.questions || []).forEach(function (question, index) {
      var holder = C.el("section", "oef-quiz-question");
      root.appendChild(holder);
      var instance = H5P.newRunnable(question, self.contentId, H5P.jQuery(holder), false, {
        parent: self,
        previousState: states[index]
      });
      instance.on("xAPI", function (event) {
        if (event.getVerb() === "answered") { self.maybeComplete(); }
      });
      self.questions.push(instance);
    });
    this.finish = C.feedback();
    root.appendChild(this.finish);
    this.trigger("resize");
  };

  Quiz.prototype.maybeComplete = function () {
    var done = this.questions.every(function (q) { return q.getAnswerGiven(); });
    if (!done) { return; }
    var score = this.getScore();
    this.finish.textContent = "Je hebt " + score + " van de " + this.getMaxScore() + " vragen goed.";
    this.triggerXAPIScored(score, this.getMaxScore(), "completed", true, score === this.getMaxScore());
    this.trigger("resize");
  };

  Quiz.prototype.getScore = function () {
    return this.questions.reduce(function (sum, q) { return sum + q.getScore(); }, 0);
  };
  Quiz.prototype.getMaxScore = function () {
    return this.questions.reduce(function (sum, q) { return sum + q.getMaxScore(); }, 0);
  };
  Quiz.prototype.getAnswerGiven = function () {
    return this.questions.some(function (q) { return q.getAnswerGiven(); });
  };
  Quiz.prototype.resetTask = function () { this.questions.forEach(function (q) { q.resetTask(); }); };
  Quiz.prototype.getCurrentState = function () {
    return { questions: this.questions.map(function (q) { return q.getCurrentState(); }) };
  };

  return Quiz;
})(H5P.EventDispatcher, OEF.Common);
