/* Doorstep survey forms: skip logic, answer checks, answers kept on this device and exported as CSV.
   Plain ES5 with no libraries, so it runs on old phones and from file://. The form works without it. */
(function () {
  'use strict';

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function parseJSON(text, fallback) {
    if (!text) { return fallback; }
    try { return JSON.parse(text); } catch (e) { return fallback; }
  }

  /* localStorage can be missing or refuse writes (private browsing, some file:// pages). */
  var store = (function () {
    try {
      var key = '__doorstep_test__';
      window.localStorage.setItem(key, '1');
      window.localStorage.removeItem(key);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  })();

  function load(key, fallback) { return store ? parseJSON(store.getItem(key), fallback) : fallback; }

  function save(key, value) {
    if (!store) { return false; }
    try { store.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  function SurveyForm(form) {
    this.form = form;
    this.id = form.getAttribute('data-survey-id');
    this.variables = parseJSON(form.getAttribute('data-variables'), []);
    /* The script's messages in the form's language, from the wording table (script.* keys). */
    this.wording = parseJSON(form.getAttribute('data-wording'), {});
    var prefix = 'doorstep-survey:' + this.id + ':' + form.getAttribute('data-survey-version');
    this.draftKey = prefix + ':draft';
    this.responsesKey = prefix + ':responses';
    this.questions = [];
    var self = this;
    each(form.querySelectorAll('[data-question]'), function (element) {
      self.questions.push({
        element: element,
        id: element.getAttribute('data-question'),
        type: element.getAttribute('data-type'),
        showIf: parseJSON(element.getAttribute('data-show-if'), null),
        required: element.getAttribute('data-required') === 'true',
        checks: parseJSON(element.getAttribute('data-checks'), {}),
        calculate: parseJSON(element.getAttribute('data-calculate'), null),
        filterBy: element.getAttribute('data-filter-by'),
        defaultKind: element.getAttribute('data-default'),
        requiredMessage: element.getAttribute('data-required-message')
      });
    });
    this.metadata = parseJSON(form.getAttribute('data-metadata'), []);
    this.summary = form.querySelector('.survey-error-summary');
    this.status = form.querySelector('.survey-status');
  }

  /* A message in the form's language, with {name} placeholders filled in. */
  SurveyForm.prototype.say = function (key, values) {
    var text = this.wording[key] || key;
    return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return values && values[name] !== undefined ? String(values[name]) : whole;
    });
  };

  SurveyForm.prototype.start = function () {
    var self = this;
    var form = this.form;
    form.noValidate = true;
    each(form.querySelectorAll('[data-survey-actions]'), function (element) { element.hidden = false; });
    this.restore(load(this.draftKey, {}));
    this.applyDefaults();
    this.startRepeats();
    this.update();
    form.addEventListener('change', function (event) { self.exclusive(event.target); self.changed(); });
    form.addEventListener('input', function () { self.changed(); });
    form.addEventListener('submit', function (event) { event.preventDefault(); self.submit(); });
    each(form.querySelectorAll('[data-action="download"]'), function (button) {
      button.addEventListener('click', function () { self.download(); });
    });
    each(form.querySelectorAll('[data-action="clear"]'), function (button) {
      button.addEventListener('click', function () { self.clearSaved(); });
    });
    this.announce(store ? this.countMessage() : this.say('no_storage'));
  };

  SurveyForm.prototype.changed = function () {
    this.update();
    save(this.draftKey, this.values());
  };

  /* "Don't know" and "Prefer not to say" cannot be ticked with other answers, and clear a typed answer. */
  SurveyForm.prototype.exclusive = function (input) {
    if (!input || input.type !== 'checkbox') { return; }
    var group = this.form.querySelectorAll('input[type="checkbox"][name="' + input.name + '"]');
    var special = input.getAttribute('data-special');
    var notAnswered = input.parentNode && input.parentNode.parentNode &&
      input.parentNode.parentNode.getAttribute('data-not-answered-for');
    if (input.checked && (special === 'dont_know' || special === 'prefer_not_to_say' || notAnswered)) {
      each(group, function (other) { if (other !== input) { other.checked = false; } });
    } else if (input.checked) {
      each(group, function (other) {
        var s = other.getAttribute('data-special');
        if (s === 'dont_know' || s === 'prefer_not_to_say') { other.checked = false; }
      });
    }
    if (input.checked && notAnswered) {
      var field = this.form.querySelector('[name="' + notAnswered + '"]');
      if (field) { field.value = ''; }
    }
  };

  /* Raw values of every named control, to keep a draft. */
  SurveyForm.prototype.values = function () {
    var values = {};
    each(this.form.elements, function (element) {
      if (!element.name) { return; }
      if (element.type === 'radio' || element.type === 'checkbox') {
        if (!values[element.name]) { values[element.name] = []; }
        if (element.checked) { values[element.name].push(element.value); }
      } else if (element.tagName !== 'BUTTON') {
        values[element.name] = element.value;
      }
    });
    return values;
  };

  SurveyForm.prototype.restore = function (values) {
    each(this.form.elements, function (element) {
      if (!element.name || !(element.name in values)) { return; }
      var value = values[element.name];
      if (element.type === 'radio' || element.type === 'checkbox') {
        element.checked = value instanceof Array && value.indexOf(element.value) >= 0;
      } else if (element.tagName !== 'BUTTON') {
        element.value = typeof value === 'string' ? value : '';
      }
    });
  };

  /* One value per question, as the codebook's columns hold them: codes joined by spaces for
     "tick all that apply", codes in rank order for a ranking. */
  SurveyForm.prototype.answerOf = function (question, answers) {
    var form = this.form;
    var id = question.id;
    if (question.type === 'calculate') { return calculated(question.calculate, answers || {}); }
    if (question.type === 'ranking') {
      var ranked = [];
      each(question.element.querySelectorAll('input[data-code]'), function (input) {
        var n = parseFloat(input.value);
        if (!isNaN(n)) { ranked.push({ code: input.getAttribute('data-code'), rank: n }); }
      });
      ranked.sort(function (a, b) { return a.rank - b.rank; });
      return ranked.map(function (r) { return r.code; }).join(' ');
    }
    var picked = [];
    var single = '';
    each(form.querySelectorAll('[name="' + id + '"]'), function (element) {
      if (element.type === 'radio' || element.type === 'checkbox') {
        if (element.checked) { picked.push(element.value); }
      } else {
        single = element.value.replace(/^\s+|\s+$/g, '');
      }
    });
    return picked.length ? picked.join(' ') : single;
  };

  SurveyForm.prototype.extraValue = function (name) {
    var value = '';
    each(this.form.querySelectorAll('[name="' + name + '"]'), function (element) {
      if (element.type === 'checkbox' || element.type === 'radio') {
        if (element.checked) { value = element.value; }
      } else {
        value = element.value.replace(/^\s+|\s+$/g, '');
      }
    });
    return value;
  };

  /* Answers of questions that are shown; a hidden question counts as unanswered, as in ODK. */
  SurveyForm.prototype.answers = function () {
    var answers = {};
    var shown = {};
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      var visible = !question.showIf || evaluate(question.showIf, answers);
      shown[question.id] = visible;
      answers[question.id] = visible && question.type !== 'note' ? this.answerOf(question, answers) : '';
    }
    for (var j = 0; j < this.variables.length; j++) {
      var name = this.variables[j];
      if (!(name in answers)) {
        var owner = name.replace(/_(other|na)$/, '');
        answers[name] = shown[owner] === false ? '' : this.extraValue(name);
      }
    }
    var otherAnswers = answers;
    each(this.form.querySelectorAll('[data-other-for]'), function (input) {
      var owner = input.getAttribute('data-other-for');
      if ((' ' + otherAnswers[owner] + ' ').indexOf(' other ') < 0) { otherAnswers[input.name] = ''; }
    });
    each(this.form.querySelectorAll('[data-not-answered-for]'), function (group) {
      var owner = group.getAttribute('data-not-answered-for');
      if (otherAnswers[owner] !== '') { otherAnswers[owner + '_na'] = ''; }
    });
    return { values: answers, shown: shown };
  };

  function evaluate(condition, answers) {
    var i;
    if (condition.all) {
      for (i = 0; i < condition.all.length; i++) { if (!evaluate(condition.all[i], answers)) { return false; } }
      return true;
    }
    if (condition.any) {
      for (i = 0; i < condition.any.length; i++) { if (evaluate(condition.any[i], answers)) { return true; } }
      return false;
    }
    if (condition.not) { return !evaluate(condition.not, answers); }
    var value = answers[condition.q] || '';
    var values = condition.values || [];
    var picked = condition.multiple ? value.split(' ') : [value];
    function has(code) {
      if (condition.number) { return value !== '' && parseFloat(value) === parseFloat(code); }
      return picked.indexOf(String(code)) >= 0;
    }
    var number = parseFloat(value);
    var bound = parseFloat(values[0]);
    switch (condition.op) {
      case 'answered': return (value !== '') === (String(values[0]).toLowerCase() !== 'false');
      case 'equals':
      case 'one_of':
        for (i = 0; i < values.length; i++) { if (has(values[i])) { return true; } }
        return false;
      case 'not_equals':
        for (i = 0; i < values.length; i++) { if (has(values[i])) { return false; } }
        return true;
      case 'at_least': return value !== '' && number >= bound;
      case 'at_most': return value !== '' && number <= bound;
      case 'more_than': return value !== '' && number > bound;
      case 'less_than': return value !== '' && number < bound;
    }
    return true;
  }

  SurveyForm.prototype.update = function () {
    var state = this.answers();
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      var visible = state.shown[question.id];
      question.element.hidden = !visible;
      each(question.element.querySelectorAll('input, textarea, select'), function (input) { input.disabled = !visible; });
    }
    each(this.form.querySelectorAll('[data-other-for]'), function (input) {
      var owner = input.getAttribute('data-other-for');
      var chosen = (' ' + state.values[owner] + ' ').indexOf(' other ') >= 0;
      input.parentNode.hidden = !chosen;
    });
    this.updateLogic(state);
  };

  SurveyForm.prototype.problems = function (state) {
    var problems = [];
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      if (!state.shown[question.id] || question.type === 'note') { continue; }
      var value = state.values[question.id];
      var checks = question.checks;
      var message = null;
      var excused = state.values[question.id + '_na'];
      if (value === '') {
        if (question.required && !excused) { message = question.requiredMessage || this.say('answer_required'); }
      } else if (checks.equals && value !== checks.equals) {
        message = checks.message;
      } else if (question.type === 'integer' || question.type === 'decimal') {
        var n = Number(value);
        if (isNaN(n) || (checks.integer && Math.floor(n) !== n) ||
            (checks.min !== undefined && n < checks.min) || (checks.max !== undefined && n > checks.max)) {
          message = checks.message || this.say('enter_number');
        }
      } else if (question.type === 'text' || question.type === 'text_long') {
        if ((checks.min_length !== undefined && value.length < checks.min_length) ||
            (checks.max_length !== undefined && value.length > checks.max_length)) {
          message = checks.message;
        }
        if (!message && checks.pattern && !matchesPattern(checks.pattern, value)) {
          message = checks.message || 'Check how this answer is written.';
        }
      } else if (question.type === 'ranking' && checks.rank && value.split(' ').length > checks.rank) {
        message = this.say('rank_up_to', { rank: checks.rank });
      }
      if (!message && value.indexOf('other') >= 0 && state.values[question.id + '_other'] === '' &&
          (' ' + value + ' ').indexOf(' other ') >= 0 && question.required) {
        message = this.say('say_what_other_is');
      }
      if (message) { problems.push({ question: question, message: message }); }
    }
    return problems;
  };

  SurveyForm.prototype.showProblems = function (problems) {
    var list = this.summary ? this.summary.querySelector('.survey-error-list') : null;
    each(this.form.querySelectorAll('.survey-error-message'), function (p) { p.hidden = true; p.textContent = ''; });
    each(this.form.querySelectorAll('[aria-invalid]'), function (input) { input.removeAttribute('aria-invalid'); });
    if (list) { list.innerHTML = ''; }
    for (var i = 0; i < problems.length; i++) {
      var problem = problems[i];
      var element = problem.question.element;
      var number = element.querySelector('.survey-number');
      var text = (number ? this.say('question_prefix', { number: number.textContent.replace('.', '') }) : '') + problem.message;
      var inline = element.querySelector('.survey-error-message');
      if (inline) { inline.textContent = problem.message; inline.hidden = false; }
      each(element.querySelectorAll('input, textarea'), function (input) { input.setAttribute('aria-invalid', 'true'); });
      if (list) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = '#' + element.id;
        link.textContent = text;
        item.appendChild(link);
        list.appendChild(item);
      }
    }
    if (this.summary) {
      this.summary.hidden = problems.length === 0;
      if (problems.length) { this.summary.focus(); }
    }
  };

  SurveyForm.prototype.submit = function () {
    var state = this.answers();
    var problems = this.problems(state);
    this.showProblems(problems);
    if (problems.length) { return; }
    var row = [];
    for (var i = 0; i < this.variables.length; i++) {
      var value = state.values[this.variables[i]];
      if (this.variables[i] === 'today' && this.metadata.indexOf('today') >= 0) { value = todayText(); }
      row.push(value === undefined ? '' : value);
    }
    var responses = load(this.responsesKey, []);
    responses.push(row);
    if (!save(this.responsesKey, responses)) {
      this.announce(this.say('not_saved'));
      return;
    }
    this.form.reset();
    save(this.draftKey, {});
    this.resetRepeats();
    this.applyDefaults();
    this.update();
    this.announce(this.say('saved') + ' ' + this.countMessage());
    window.scrollTo(0, 0);
  };

  SurveyForm.prototype.countMessage = function () {
    var count = load(this.responsesKey, []).length;
    return count === 1 ? this.say('saved_one') : this.say('saved_many', { count: count });
  };

  SurveyForm.prototype.announce = function (message) {
    if (this.status) { this.status.textContent = message; }
  };

  /* A cell a spreadsheet would read as a formula gets a leading ' (OWASP); plain numbers stay as they are. */
  function csvField(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?[0-9]+(\.[0-9]+)?$/.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* Header row: exactly the codebook's variable names, so the file loads next to the codebook. */
  SurveyForm.prototype.csv = function () {
    var lines = [this.variables.map(csvField).join(',')];
    var responses = load(this.responsesKey, []);
    for (var i = 0; i < responses.length; i++) { lines.push(responses[i].map(csvField).join(',')); }
    return lines.join('\r\n') + '\r\n';
  };

  SurveyForm.prototype.download = function () {
    var text = this.csv();
    var name = this.id + '-responses.csv';
    var link = document.createElement('a');
    if (window.Blob && window.URL && URL.createObjectURL) {
      var blob = new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' });
      if (window.navigator && window.navigator.msSaveBlob) { window.navigator.msSaveBlob(blob, name); return; }
      link.href = URL.createObjectURL(blob);
    } else {
      link.href = 'data:text/csv;charset=utf-8,' + encodeURIComponent(text);
    }
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  };

  SurveyForm.prototype.clearSaved = function () {
    if (!window.confirm(this.say('confirm_delete'))) { return; }
    if (store) { store.removeItem(this.responsesKey); store.removeItem(this.draftKey); }
    this.announce(this.countMessage());
  };

  /* Form logic: calculations, defaults, cascades and repeated sections. */

  /* A calculation's value from answers so far: '' while an answer it needs is missing, as in ODK. */
  function calculated(node, answers) {
    var result = calc(node, answers);
    if (typeof result !== 'number' || isNaN(result) || !isFinite(result)) { return ''; }
    return String(Math.round(result * 1e10) / 1e10);
  }

  function calc(node, answers) {
    if (!node) { return NaN; }
    if (node.num !== undefined) { return parseFloat(node.num); }
    if (node.ref !== undefined) {
      var value = answers[node.ref];
      if (value === undefined || value === '') { return node.count ? 0 : NaN; }
      return Number(value);
    }
    if (node.neg) { return -calc(node.neg, answers); }
    if (node.sum) {
      var total = 0;
      for (var i = 0; i < node.sum.length; i++) {
        var part = answers[node.sum[i]];
        if (part !== undefined && part !== '' && !isNaN(Number(part))) { total += Number(part); }
      }
      return total;
    }
    var l = calc(node.l, answers);
    var r = calc(node.r, answers);
    switch (node.op) {
      case '+': return l + r;
      case '-': return l - r;
      case '*': return l * r;
      case '/': return l / r;
    }
    return NaN;
  }

  function matchesPattern(pattern, value) {
    try { return new RegExp(pattern).test(value); } catch (e) { return true; }
  }

  function todayText() {
    var now = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate());
  }

  /* Today's date, or the answer in the last response saved on this device, where nothing is typed yet. */
  SurveyForm.prototype.applyDefaults = function () {
    var responses = load(this.responsesKey, []);
    var last = responses.length ? responses[responses.length - 1] : null;
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      if (!question.defaultKind) { continue; }
      var value = question.defaultKind === 'today' ? todayText() : null;
      if (question.defaultKind === 'last_answer' && last) {
        var column = this.variables.indexOf(question.id);
        value = column >= 0 ? last[column] : null;
      }
      if (value === null || value === undefined || value === '') { continue; }
      var empty = true;
      var fields = this.form.querySelectorAll('[name="' + question.id + '"]');
      each(fields, function (field) {
        if ((field.type === 'radio' || field.type === 'checkbox') ? field.checked : field.value !== '') { empty = false; }
      });
      if (!empty) { continue; }
      each(fields, function (field) {
        if (field.type === 'radio' || field.type === 'checkbox') { field.checked = field.value === value; } else { field.value = value; }
      });
    }
  };

  SurveyForm.prototype.startRepeats = function () {
    var self = this;
    each(this.form.querySelectorAll('[data-repeat-actions]'), function (actions) { actions.hidden = false; });
    each(this.form.querySelectorAll('[data-action="add-item"], [data-action="remove-item"]'), function (button) {
      button.addEventListener('click', function () {
        var counter = self.form.querySelector('[data-repeat-counter="' + button.getAttribute('data-repeat') + '"]');
        var section = self.form.querySelector('[data-repeat="' + button.getAttribute('data-repeat') + '"]');
        if (!counter || !section) { return; }
        var most = parseInt(section.getAttribute('data-repeat-max'), 10) || 1;
        var count = parseInt(counter.value, 10) || 0;
        count = button.getAttribute('data-action') === 'add-item' ? Math.min(most, count + 1) : Math.max(0, count - 1);
        counter.value = String(count);
        self.changed();
        var item = section.querySelectorAll('[data-repeat-item]')[Math.max(0, count - 1)];
        var focusable = item && button.getAttribute('data-action') === 'add-item' ? item.querySelector('input, textarea') : null;
        if (focusable) { focusable.focus(); }
      });
    });
  };

  SurveyForm.prototype.resetRepeats = function () {
    each(this.form.querySelectorAll('[data-repeat-counter]'), function (counter) { counter.value = '1'; });
  };

  SurveyForm.prototype.updateLogic = function (state) {
    var form = this.form;
    for (var i = 0; i < this.questions.length; i++) {
      var question = this.questions[i];
      if (question.type === 'calculate') {
        var output = question.element.querySelector('output');
        if (output) { output.textContent = state.values[question.id] === '' ? '–' : state.values[question.id]; }
      }
      if (question.filterBy) {
        var parent = state.values[question.filterBy] || '';
        each(question.element.querySelectorAll('[data-parent]'), function (option) {
          var hide = option.getAttribute('data-parent') !== parent;
          option.hidden = hide;
          each(option.querySelectorAll('input'), function (input) {
            if (hide) { input.checked = false; }
            input.disabled = hide || input.disabled;
          });
        });
      }
    }
    /* A member's block shows when the count reaches it; the buttons stop at none and at the most allowed. */
    each(form.querySelectorAll('[data-repeat]'), function (section) {
      if (!section.hasAttribute('data-repeat-max')) { return; }
      var count = parseInt(state.values[section.getAttribute('data-repeat-count')], 10) || 0;
      var most = parseInt(section.getAttribute('data-repeat-max'), 10) || 1;
      each(section.querySelectorAll('[data-repeat-item]'), function (item) {
        item.hidden = parseInt(item.getAttribute('data-repeat-item'), 10) > count;
      });
      each(section.querySelectorAll('[data-action="add-item"]'), function (button) { button.disabled = count >= most; });
      each(section.querySelectorAll('[data-action="remove-item"]'), function (button) { button.disabled = count <= 0; });
    });
  };

  /* The language switch is plain links that work without this script. A choice is remembered, so the
     survey's first page (the one the survey list links to) opens in that language next time. */
  var languageKey = 'doorstep-survey-language';

  function rememberLanguage() {
    var nav = document.querySelector('[data-survey-languages]');
    if (!nav) { return; }
    var links = nav.querySelectorAll('a[hreflang]');
    each(links, function (link) {
      link.addEventListener('click', function () {
        if (store) { try { store.setItem(languageKey, link.getAttribute('hreflang')); } catch (e) { /* kept for this visit only */ } }
      });
    });
    if (!store || nav.getAttribute('data-first-page') !== 'true') { return; }
    var wanted = store.getItem(languageKey);
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('hreflang') === wanted) { window.location.replace(links[i].href); return; }
    }
  }

  function start() {
    rememberLanguage();
    each(document.querySelectorAll('form.survey-form[data-survey-id]'), function (form) {
      new SurveyForm(form).start();
    });
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }

  /* For tests that run the logic outside a browser. */
  if (typeof module !== 'undefined' && module.exports) { module.exports = { evaluate: evaluate, calculated: calculated }; }
})();
